/** One line of the conversation as a mediator sees it (masked, short). */
export interface TranscriptLine {
  from: 'citizen' | 'bot' | 'mediator';
  text: string;
  at: number;
}
