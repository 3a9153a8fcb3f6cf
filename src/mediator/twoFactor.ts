/**
 * The mediators' second factor (docs/mediator-api.md, "Two-factor sign-in"): enrolment (a new secret shown as a QR
 * code, confirmed by a first code, then ten recovery codes shown once), the check at sign-in (a TOTP code, never the
 * same step twice, or an unused recovery code), and a coordinator's reset (lost phone). A territory may require it
 * (`security.require2fa`): then a mediator without one signs in to a session that can only enrol.
 */
import type { Mediator, MediatorAccounts } from './accounts';
import { RECOVERY_CODE, checkTotp, newRecoveryCodes, newTotpSecret, qrSvg, recoveryDigest, totpUri } from './totp';

export type LoginCheck = 'ok' | 'setup' | 'required' | 'wrong';

export class TwoFactor {
  constructor(
    private readonly deps: {
      accounts: MediatorAccounts;
      /** Does this territory require two-factor sign-in (its `security.require2fa`)? */
      required: (territory: string) => boolean;
      issuer?: string;
    },
  ) {}

  required(territory: string): boolean {
    return this.deps.required(territory);
  }

  async enabled(territory: string, username: string): Promise<boolean> {
    return Boolean((await this.deps.accounts.twoFactorOf(territory, username))?.secret);
  }

  /** At sign-in, after the right password: go on, enrol first, ask for the code, or a wrong code. */
  async atLogin(m: Mediator, code: string | undefined, now: number): Promise<LoginCheck> {
    const state = (await this.deps.accounts.twoFactorOf(m.territory, m.username)) ?? {};
    if (!state.secret) return this.deps.required(m.territory) ? 'setup' : 'ok';
    if (!code) return 'required';
    const given = code.trim();
    const step = checkTotp(state.secret, given.replace(/\s/g, ''), now, state.lastStep);
    if (step !== undefined) {
      await this.deps.accounts.setTwoFactor(m.territory, m.username, { ...state, lastStep: step });
      return 'ok';
    }
    if (RECOVERY_CODE.test(given)) {
      const digest = recoveryDigest(given);
      const left = (state.recovery ?? []).filter((d) => d !== digest);
      if (left.length < (state.recovery ?? []).length) {
        await this.deps.accounts.setTwoFactor(m.territory, m.username, { ...state, recovery: left });
        return 'ok';
      }
    }
    return 'wrong';
  }

  /** A new secret to enrol (replacing any unconfirmed one): its otpauth:// URI and QR code. Undefined when already enrolled. */
  async setup(m: Mediator): Promise<{ secret: string; uri: string; qrSvg: string } | undefined> {
    const state = (await this.deps.accounts.twoFactorOf(m.territory, m.username)) ?? {};
    if (state.secret) return undefined;
    const secret = newTotpSecret();
    await this.deps.accounts.setTwoFactor(m.territory, m.username, { ...state, pending: secret });
    const uri = totpUri(secret, `${m.territory}:${m.username}`, this.deps.issuer ?? 'Pas à pas');
    return { secret, uri, qrSvg: qrSvg(uri) };
  }

  /** A first code confirms the pending secret: the recovery codes (shown once), or why not. */
  async confirm(m: Mediator, code: string, now: number): Promise<{ recoveryCodes: string[] } | 'no-setup' | 'wrong'> {
    const state = (await this.deps.accounts.twoFactorOf(m.territory, m.username)) ?? {};
    if (!state.pending || state.secret) return 'no-setup';
    const step = checkTotp(state.pending, code.replace(/\s/g, ''), now);
    if (step === undefined) return 'wrong';
    const recoveryCodes = newRecoveryCodes();
    await this.deps.accounts.setTwoFactor(m.territory, m.username, { secret: state.pending, lastStep: step, recovery: recoveryCodes.map(recoveryDigest) });
    return { recoveryCodes };
  }

  /** Remove a mediator's second factor (a coordinator, for a lost phone); false when they had none. */
  async reset(territory: string, username: string): Promise<boolean> {
    const state = await this.deps.accounts.twoFactorOf(territory, username);
    if (!state?.secret && !state?.pending) return false;
    await this.deps.accounts.setTwoFactor(territory, username, null);
    return true;
  }
}
