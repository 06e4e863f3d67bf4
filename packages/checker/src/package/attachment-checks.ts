import { errorText } from '../readers/issues.js';
import { attachmentProblem } from './attachment-check.js';

export type AttachmentProblem = { readonly zh: string; readonly en: string };

/** Why an attachment does not open (what attachmentProblem says, or what stopped it being read), or undefined. */
export function checkAttachment(absPath: string, extension: string, size: number): AttachmentProblem | undefined {
  try {
    return attachmentProblem(absPath, extension, size);
  } catch (e) {
    const t = errorText(e);
    return typeof t === 'string' ? { zh: t, en: t } : t;
  }
}
