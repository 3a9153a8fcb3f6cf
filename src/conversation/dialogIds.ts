/**
 * The ids of the bot's dialogs. Feature dialogs start each other by id (`dc.beginDialog(PLACES)`),
 * never by importing each other. These ids are kept in saved conversation state: never rename one.
 */
export const DIALOG = {
  guide: 'guide',
  handoff: 'handoff',
  callback: 'callback',
  places: 'places',
  selfCheck: 'selfCheck',
  resume: 'resume',
  pick: 'pick',
  reminderOffer: 'reminder-offer',
  reminders: 'reminders',
  erase: 'erase',
  whatIs: 'what-is',
  helpOffer: 'help-offer',
  accountTrouble: 'account-trouble',
  accountSite: 'account-site',
} as const;
export type DialogId = (typeof DIALOG)[keyof typeof DIALOG];
