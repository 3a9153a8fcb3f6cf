/** Lines of the conversation kept for a mediator (the last ones). */
export const TRANSCRIPT_LINES = 12;

/** One line of the conversation as a mediator sees it (masked, short). */
export interface TranscriptLine {
  from: 'citizen' | 'bot' | 'mediator';
  text: string;
  at: number;
}
