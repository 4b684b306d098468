/**
 * The only offline code every page carries (a few hundred bytes, inline): registers the service worker after
 * load as /sw.js?locale=<the page's locale> (its precache holds that locale's shell and hubs; a reader who already
 * has a worker keeps it, so changing language never reinstalls), keeps the browser's install event for a polite
 * offer, then loads /pwa.js (update announcements, install offer, save-for-offline; built by src/pwa and
 * precached) — off the critical path, and only where service workers exist.
 */
import { OFFLINE_LOCALES } from './names.ts';

export const REGISTER_SCRIPT =
  "(function(){if(!('serviceWorker'in navigator))return;var w=window,s=navigator.serviceWorker,go=function(){import('/pwa.js').catch(function(){})};" +
  "w.addEventListener('beforeinstallprompt',function(e){e.preventDefault();w.__hcInstall=e;w.dispatchEvent(new Event('hc:install'))});" +
  `w.addEventListener('load',function(){var l=location.pathname.split('/')[1];l=${JSON.stringify(OFFLINE_LOCALES.slice(1))}.indexOf(l)<0?'${OFFLINE_LOCALES[0]}':l;` +
  "s.getRegistration().then(function(r){return r||s.register('/sw.js?locale='+l)}).then(go,go)})})()";
