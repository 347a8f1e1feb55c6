import { HomeView } from "@/components/auth/home-view";
import { SessionProfilePrompt } from "@/components/profile-prompt/session-profile-prompt";

export default function HomePage() {
  // The prompt is a non-modal dialog in the corner: it never pushes the page around (no layout shift).
  return <HomeView signedInContent={<SessionProfilePrompt variant="dialog" />} />;
}
