/**
 * The only offline code every page carries (a few hundred bytes, inline): registers /sw.js after load, keeps
 * the browser's install event for a polite offer, then loads /pwa.js (update announcements, install offer,
 * save-for-offline; built by src/pwa and precached) — off the critical path, and only where service workers exist.
 */
export const REGISTER_SCRIPT =
  "(function(){if(!('serviceWorker'in navigator))return;var w=window,go=function(){import('/pwa.js').catch(function(){})};" +
  "w.addEventListener('beforeinstallprompt',function(e){e.preventDefault();w.__hcInstall=e;w.dispatchEvent(new Event('hc:install'))});" +
  "w.addEventListener('load',function(){navigator.serviceWorker.register('/sw.js').then(go,go)})})()";
