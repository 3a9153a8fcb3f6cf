/// <reference lib="dom" />
/**
 * widget.js, embedded by a territory with one tag:
 *   <script src="https://HOST/widget.js" data-territory="ID" async></script>
 * Adds a labelled launcher button that opens the chat frame (HOST/chat) in a panel. Shows nothing
 * when HOST refuses this page's origin. postMessage only with HOST, both ways. CSS prefix: pasapas-w.
 */
interface LoaderConfig {
  name: string;
  color: string;
  text: string;
  label: string;
  title: string;
  panel: string;
  /** "{n} nouveaux messages", and its singular "1 nouveau message". */
  unread: string;
  unreadOne?: string;
}

(() => {
  const P = 'pasapas-w';
  const script = (document.currentScript ?? document.querySelector('script[data-territory]')) as HTMLScriptElement | null;
  const w = window as unknown as { pasapasWidget?: boolean };
  if (!script || w.pasapasWidget) return; // the tag twice on a page: one launcher
  w.pasapasWidget = true;
  const host = new URL(script.src, location.href).origin;
  const id = script.getAttribute('data-territory') ?? '';
  const lang = /^en/i.test(document.documentElement.lang) ? 'en' : 'fr';

  const mount = (c: LoaderConfig) => {
    const make = <K extends keyof HTMLElementTagNameMap>(tag: K, cls: string) => {
      const e = document.createElement(tag);
      e.className = `${P}-${cls}`;
      return e;
    };
    const style = document.createElement('style');
    if (script.nonce) style.nonce = script.nonce;
    style.textContent =
      `#${P}{position:fixed;right:1rem;bottom:1rem;z-index:2147483000;display:flex;flex-direction:column-reverse;align-items:flex-end;` +
      `font:600 1.125rem/1.3 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;max-width:calc(100vw - 2rem)}` +
      `.${P}-btn{all:initial;box-sizing:border-box;font:inherit;display:flex;align-items:center;gap:.5rem;min-height:3.5rem;` +
      `padding:.75rem 1.25rem;border-radius:1.75rem;cursor:pointer;box-shadow:0 2px 8px rgba(0,0,0,.35);max-width:100%;white-space:normal;text-align:left}` +
      `.${P}-btn:focus{outline:3px solid #1a1a1a;outline-offset:3px;box-shadow:0 0 0 3px #fff}` +
      `.${P}-badge{min-width:1.6em;padding:0 .4em;border-radius:.8em;background:#b00020;color:#fff;text-align:center}` +
      `.${P}-sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}` +
      `.${P}-badge[hidden],.${P}-panel[hidden]{display:none!important}` +
      `.${P}-panel{box-sizing:border-box;width:25rem;max-width:calc(100vw - 2rem);height:calc(100vh - 7rem);max-height:42rem;` +
      `margin-bottom:.75rem;border-radius:.75rem;overflow:hidden;background:#fff;box-shadow:0 4px 24px rgba(0,0,0,.4)}` +
      `.${P}-panel iframe{display:block;width:100%;height:100%;border:0}` +
      `@media (max-width:30em),(max-height:30em){.${P}-panel{position:fixed;top:0;left:0;width:100%;max-width:none;height:100%;max-height:none;margin:0;border-radius:0}}`;
    document.head.appendChild(style);

    const root = document.createElement('div');
    root.id = P;
    const btn = make('button', 'btn');
    btn.type = 'button';
    btn.style.background = c.color;
    btn.style.color = c.text;
    btn.setAttribute('aria-expanded', 'false');
    btn.setAttribute('aria-controls', `${P}-panel`);
    const label = document.createElement('span');
    label.textContent = c.label;
    const badge = make('span', 'badge');
    badge.setAttribute('aria-hidden', 'true');
    const news = make('span', 'sr');
    badge.hidden = true;
    btn.append(label, badge, news);
    const panel = make('div', 'panel');
    panel.id = `${P}-panel`;
    panel.hidden = true;
    panel.setAttribute('role', 'region');
    panel.setAttribute('aria-label', c.panel);
    root.append(btn, panel);
    document.body.appendChild(root);

    let frame: HTMLIFrameElement | null = null;
    const unread = (n: number) => {
      const show = n > 0 && panel.hidden;
      badge.hidden = !show;
      badge.textContent = String(n);
      news.textContent = show ? (n === 1 && c.unreadOne ? c.unreadOne : c.unread.replace('{n}', String(n))) : '';
    };
    const open = () => {
      if (!frame) {
        // Created on first open only: nothing heavy is downloaded until a citizen asks for help.
        frame = document.createElement('iframe');
        frame.title = c.title;
        frame.src = `${host}/chat?territory=${encodeURIComponent(id)}&embed=1&parent=${encodeURIComponent(location.origin)}`;
        panel.appendChild(frame);
      }
      panel.hidden = false;
      btn.setAttribute('aria-expanded', 'true');
      unread(0);
      frame.focus();
    };
    const close = () => {
      if (panel.hidden) return;
      panel.hidden = true;
      btn.setAttribute('aria-expanded', 'false');
      btn.focus();
      // The frame stops reading aloud (it cannot see that it was hidden).
      frame?.contentWindow?.postMessage({ type: 'pasapas:closed' }, host);
    };
    btn.addEventListener('click', () => (panel.hidden ? open() : close()));
    document.addEventListener('keydown', (e) => {
      if (e.key === 'Escape' || e.key === 'Esc') close();
    });
    window.addEventListener('message', (e: MessageEvent) => {
      if (e.origin !== host || !frame || e.source !== frame.contentWindow) return;
      const m = e.data as { type?: unknown; count?: unknown } | null;
      if (m && m.type === 'pasapas:close') close();
      else if (m && m.type === 'pasapas:unread') unread(Number(m.count) || 0);
    });
  };

  fetch(`${host}/widget/config?territory=${encodeURIComponent(id)}&lang=${lang}`, { credentials: 'omit' })
    .then((r) => (r.ok ? (r.json() as Promise<LoaderConfig>) : Promise.reject(new Error(String(r.status)))))
    .then(mount)
    .catch(() => undefined); // unknown territory or site not allowed: no button at all
})();
