export { ProfilePrompt, DEFAULT_LABELS, type ProfilePromptProps, type ProfilePromptLabels, type ProfilePromptClassNames } from "./profile-prompt";
export {
  useProfilePrompt,
  type ProfilePromptController,
  type PromptItem,
  type PromptStatus,
  type QuestionChoice,
  type UseProfilePromptOptions,
} from "./use-profile-prompt";
