/** The widget a citizen's phone downloads stays small: widget.js + chat.js + chat-style.css ≤ 60 KB gzip. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildWidget } from '../../src/widget/build';
import { measureWidget, WIDGET_BUDGET_GZIP, WIDGET_FILES } from '../../src/widget/size';

describe('widget size', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pasapas-size-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('builds the three files and stays within the budget', async () => {
    const built = await buildWidget(dir);
    expect(built.files.sort()).toEqual(['admin', 'chat', 'chat-style', 'console', 'console-style', 'widget']);
    const size = measureWidget(dir);
    expect(size.files.map((f) => f.name)).toEqual([...WIDGET_FILES]);
    for (const f of size.files) expect(f.gzip).toBeGreaterThan(0);
    expect(size.totalGzip).toBe(size.files.reduce((s, f) => s + f.gzip, 0));
    expect(size.totalGzip).toBeLessThanOrEqual(WIDGET_BUDGET_GZIP);
    process.stdout.write(`${JSON.stringify(size)}\n`);
  });
});
