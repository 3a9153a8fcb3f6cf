/// <reference lib="dom" />
/**
 * What the person sent besides words, in the conversation: a photo (a thumbnail opening full size in a new tab) and a
 * voice note (an <audio controls> player; its transcript is the message's text, under it). Both are served by the
 * mediator API with this session's cookie (GET /api/mediator/handoffs/:id/photos|audio/:index), never from elsewhere.
 */
import { h } from './dom';
import type { ConsoleStringKey } from './config';

type T = (key: ConsoleStringKey) => string;

export function photoThumbnail(url: string, t: T): HTMLElement {
  // Only our own API's photo URLs (a relative path): never a URL from elsewhere.
  if (!/^\/api\/mediator\/handoffs\/[0-9a-f-]{36}\/photos\/\d+$/.test(url)) return h('p', {}, t('photoAlt'));
  return h('a', { href: url, target: '_blank', rel: 'noopener', class: 'pc-photo-link', title: t('photoOpen') }, h('img', { src: url, alt: `${t('photoAlt')} — ${t('photoOpen')}`, class: 'pc-photo', loading: 'lazy' }));
}

export function audioPlayer(url: string, t: T): HTMLElement {
  // Only our own API's audio URLs (a relative path); fetched only when the mediator presses play.
  if (!/^\/api\/mediator\/handoffs\/[0-9a-f-]{36}\/audio\/\d+$/.test(url)) return h('p', {}, t('audioLabel'));
  return h('audio', { controls: true, preload: 'none', src: url, class: 'pc-audio', 'aria-label': t('audioLabel') });
}
