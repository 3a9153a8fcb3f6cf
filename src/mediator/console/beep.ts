/// <reference lib="dom" />
/**
 * A short two-tone beep through WebAudio when a citizen starts waiting (the visible notice says
 * the same thing). Browsers only let sound play after a user gesture: `unlock()` is called on the
 * login and presence clicks. No audio file, nothing to download.
 */
type Ctor = typeof AudioContext;

export class Beeper {
  private ctx: AudioContext | null = null;
  muted = false;

  private context(): AudioContext | null {
    if (this.ctx) return this.ctx;
    const C = (window.AudioContext ?? (window as unknown as { webkitAudioContext?: Ctor }).webkitAudioContext) as Ctor | undefined;
    if (!C) return null;
    try {
      this.ctx = new C();
    } catch {
      this.ctx = null;
    }
    return this.ctx;
  }

  /** Create or resume the audio context inside a user gesture. */
  unlock(): void {
    const ctx = this.context();
    if (ctx && ctx.state === 'suspended') void ctx.resume().catch((err: unknown) => console.warn('pasapas console: sound not allowed yet', err));
  }

  /**
   * Sound is on but the browser keeps it off until a click (autoplay policy): true after a reload, where no
   * login click created the audio context. The console then offers a one-click "Activer le son".
   */
  blocked(): boolean {
    if (this.muted) return false;
    const ctx = this.context();
    return ctx !== null && ctx.state !== 'running';
  }

  /** Inside a click: resume the audio context; true when sound can play. */
  async enable(): Promise<boolean> {
    const ctx = this.context();
    if (!ctx) return false;
    if (ctx.state !== 'running') await ctx.resume();
    return (ctx.state as string) === 'running';
  }

  /** Called whenever the audio context starts or stops (a click anywhere may start it). */
  onStateChange(listener: () => void): void {
    this.context()?.addEventListener('statechange', listener);
  }

  beep(): void {
    if (this.muted) return;
    const ctx = this.context();
    if (!ctx) return;
    if (ctx.state === 'suspended') void ctx.resume().catch((err: unknown) => console.warn('pasapas console: sound not allowed yet', err));
    const start = ctx.currentTime + 0.01;
    [880, 1320].forEach((freq, i) => {
      const osc = ctx.createOscillator();
      const gain = ctx.createGain();
      osc.type = 'sine';
      osc.frequency.value = freq;
      const t0 = start + i * 0.18;
      gain.gain.setValueAtTime(0.0001, t0);
      gain.gain.exponentialRampToValueAtTime(0.25, t0 + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, t0 + 0.16);
      osc.connect(gain).connect(ctx.destination);
      osc.start(t0);
      osc.stop(t0 + 0.17);
    });
  }
}
