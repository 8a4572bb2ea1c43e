/** The analysis tasks' sealed columns (R-ANA-1): the desk's note and the analyst's findings. */
import { sealedText } from "../../platform/crypto/sealed.ts";

export const taskNote = sealedText("analysis_tasks.note_sealed");
export const findingBody = sealedText("analysis_findings.body_sealed");
