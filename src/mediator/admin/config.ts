/**
 * The coordinators' page (GET /mediator/admin/): its configuration, written by the server into
 * <script type="application/json" id="pasapas-admin-config"> (src/mediator/adminPage.ts), and the keys of its
 * strings (locales/admin.fr.yaml, admin.en.yaml), shared by the server (which checks them) and the browser.
 */
export const ADMIN_CONFIG_ID = 'pasapas-admin-config';

export const ADMIN_STRING_KEYS = [
  'pageTitle', 'appName', 'skip', 'noscript', 'backToConsole',
  'coopTitle', 'coopIntro', 'from', 'to', 'download', 'downloaded', 'downloadBadDates', 'downloadFailed', 'sessionExpired',
  'loginTitle', 'loginIntro', 'territory', 'username', 'password', 'login', 'loginFailed', 'notCoordinator', 'error',
  'accountsTitle', 'colName', 'colUsername', 'colRole', 'colCapacity', 'colEmail', 'colHeld', 'colState', 'colActions',
  'roleMediateur', 'roleCoordinateur', 'noLimit', 'active', 'disabled', 'save', 'saved', 'disable', 'enable',
  'resetPassword', 'remove', 'confirmRemove', 'confirmReset', 'passwordOnce', 'removed',
  'addTitle', 'name', 'usernameHint', 'role', 'capacity', 'capacityHint', 'email', 'emailHint', 'add', 'added',
  'auditTitle', 'auditMediator', 'auditAction', 'anyone', 'anyAction', 'filter', 'auditEmpty',
  'colAt', 'colWho', 'colAction', 'colTarget', 'colDetail',
  'code', 'codeAsked', 'codeWrong', 'securityTitle', 'twoFactorOn', 'twoFactorOff', 'twoFactorRequired', 'enrol',
  'enrolSteps', 'qrAlt', 'secretLabel', 'confirmCode', 'confirm', 'recoveryTitle', 'recoveryIntro', 'enrolled',
  'reset2fa', 'confirmReset2fa', 'reset2faDone', 'twoFactorCol',
  'dashTitle', 'dashIntro', 'show', 'showTable', 'noData', 'colDay', 'chartRequests', 'chartWait', 'chartOutcomes',
  'chartGuides', 'chartCallbacks', 'chartOrientations', 'all', 'median', 'p90', 'started', 'completed', 'requested', 'kept',
  'chartSatisfaction', 'sumSatisfaction', 'satGood', 'satFair', 'satPoor',
  'sumRequests', 'sumWait', 'sumOutcomes', 'sumGuides', 'sumStop', 'sumCallbacks', 'sumOrientations', 'item', 'count',
  'outFaitPour', 'outFaitAvec', 'outAutonome', 'outNonResolu', 'orEquipement', 'orAccompagnement', 'orAteliers', 'orAutonome',
  'smsBudgetTitle', 'smsBudgetUsed', 'smsBudgetNone', 'smsBudgetWarning', 'smsBudgetExhausted',
] as const;
export type AdminStringKey = (typeof ADMIN_STRING_KEYS)[number];
export type AdminStrings = Record<AdminStringKey, string>;

export interface AdminConfig {
  locale: 'fr' | 'en';
  strings: AdminStrings;
}
