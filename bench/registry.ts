/**
 * Every benchmark figure, in the order `npm run bench` runs and prints them. To add one, write a
 * module in bench/figures/ exporting a `Figure` ({ name, description, run(context) → rows }) and
 * list it here; `npm run bench -- <name> …` runs a subset, `npm run bench -- --list` lists them.
 */
import { emailDomainFigure } from "./figures/email-domain";
import { geoFigure } from "./figures/geo";
import { loadFigure } from "./figures/load";
import { messagesFigure } from "./figures/messages";
import { multiInstanceFigure } from "./figures/multi-instance";
import { plannerFigure } from "./figures/planner";
import { promptFigure } from "./figures/prompt";
import { webhookFigure } from "./figures/webhook";
import type { Figure } from "./lib/types";

export const figures: readonly Figure[] = [geoFigure, emailDomainFigure, plannerFigure, messagesFigure, promptFigure, webhookFigure, loadFigure, multiInstanceFigure];
