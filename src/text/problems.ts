/** A problem found in a data file (a guide, a territory, a locale), as `pasapas validate` prints it. */
export interface Problem {
  file: string;
  path: string;
  message: string;
  severity: 'error' | 'warning';
}

export function formatProblem(p: Problem): string {
  return `${p.file}: ${p.path || '(file)'}: ${p.severity === 'warning' ? 'warning: ' : ''}${p.message}`;
}
