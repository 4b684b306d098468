/**
 * Every word the volunteer's pages (/staff/ and /staff/enrol/) show, in one place: the staff pages are in
 * Simplified Chinese only for now (docs/staff.md), and translating them later is this one file. Short, plain
 * words for someone holding a phone in a busy hall. Errors from the service come with their own title in the
 * request's language; these are the page's own words around them.
 */
/** The language the service answers in (its problem titles) and the one dates and times are written in. */
export const API_LANG = 'zh-Hans';
export const INTL_LOCALE = 'zh-CN';

export const S = {
  needsScript: '这个页面需要浏览器开启 JavaScript。',
  // /staff/enrol/
  enrolTitle: '工作人员登记',
  enrolIntro: '用管理员发给您的登记链接，把这台手机登记为工作人员设备。登记后不用密码。',
  enrolDevice: '这台设备的名称',
  enrolDeviceHint: '方便以后在设备列表里认出它，例如“王阿姨的手机”。',
  enrolSubmit: '登记这台设备',
  enrolBusy: '正在登记…',
  enrolDone: '登记成功，正在打开志愿者页面…',
  enrolNoToken: '这个链接不完整。请在手机上直接打开管理员发来的完整登记链接。',
  enrolUsed: '这个登记链接已用过或已过期（链接 24 小时内有效，只能用一次）。请向管理员要一个新的链接。',
  enrolOffline: '没有连上积分服务，请检查网络后再点一次“登记这台设备”。',
  enrolDeviceName: (kind: string, month: number, day: number) => `${kind}（${month}月${day}日）`,
  deviceAndroid: '安卓手机',
  deviceIphone: 'iPhone',
  deviceIpad: 'iPad',
  deviceComputer: '电脑',
  deviceOther: '手机',

  // /staff/: who is signed in
  title: '志愿者签到',
  checking: '正在确认登录…',
  signedInAs: (name: string, role: string) => `已登录：${name}（${role}）`,
  signedInOffline: (name: string, role: string) => `${name}（${role}）· 暂时没有网络`,
  roles: { volunteer: '志愿者', desk: '服务台', admin: '管理员', auditor: '审计' } as Record<string, string>,
  notSignedIn: '这台设备还没有登记为工作人员，或登录已过期。',
  howToSignIn:
    '请向管理员要一个登记链接，在这台手机上直接打开它（用手机自带浏览器或微信打开均可）。登记后回到本页即可。',
  wrongRole: '您的角色不能记录活动签到。需要志愿者或管理员的登记链接。',
  serviceDown: '暂时连不上积分服务。已扫的卡会保存在本机，联网后上传。',

  // Today's occurrences
  pickTitle: '今天的活动',
  pickHint: '选一场活动，再出示签到码或扫卡。今天内会记住这个选择。',
  pickNone: '今天没有可以签到的活动。',
  pickOfflineList: '暂时没有网络，这是上次取到的今天活动。',
  pickNoList: '还没有取到今天的活动，请联网后刷新本页。',
  pointsEach: (n: number | null) => (n === null ? '这类活动没有积分' : `每人 ${n} 分`),
  change: '换一场活动',
  current: '当前活动',
  time: (start: string, end: string) => `${start}–${end}`,

  // Modes
  modesLabel: '签到方式',
  showCode: '出示签到码',
  showCodeHint: '居民用手机扫屏幕上的码，自己签到。',
  scanCards: '扫卡签到',
  scanCardsHint: '扫居民的积分卡，或输入卡号。',

  // The code screen
  codeTitle: '扫码签到',
  codeAlt: '签到二维码，每 30 秒更换',
  codeEarn: (n: number | null) => (n === null ? '' : `签到得 ${n} 分`),
  codeCountdown: (s: number) => `${s} 秒后换新码`,
  codeHowTo: '请用手机相机或微信“扫一扫”扫这个码',
  codeClose: '关闭签到码',
  codeLoading: '正在取签到码…',
  codeNoSecret: '这场活动的签到码要先联网取一次，请联网后再试。',
  codeFailed: '取签到码没有成功：',

  // Scanning
  camera: '摄像头',
  cameraStart: '打开摄像头扫卡',
  cameraStop: '关闭摄像头',
  cameraHint: '把积分卡上的二维码放进框里。',
  cameraDenied: '不能使用摄像头（没有允许，或这台设备没有摄像头）。请输入卡号，或用扫码枪。',
  cameraNoReader: '这个浏览器不能识别二维码。请输入卡号，或用扫码枪。',
  typeLabel: '卡号（或用扫码枪扫）',
  typeHint: '10 位数字，卡面上印着。',
  typeSubmit: '记录',
  scanOk: '已签到',
  scanOkPoints: (n: number) => `+${n} 分`,
  scanQueued: '已保存，联网后上传',
  scanSending: '正在上传…',
  scanCheck: '卡号有误，请核对',
  scanNotCard: '这不是积分卡的码',
  scanAlreadyQueued: '这张卡已在待上传列表里',
  scanRefused: '未签到',
  recentTitle: '刚才扫的卡',
  recentNone: '还没有扫卡。',

  // The outbox
  pending: (n: number) => `${n} 条待上传`,
  pendingNone: '全部已上传',
  upload: '上传',
  uploading: '正在上传…',
  uploadOffline: '还没有网络，记录都在本机，联网后会自动上传。',
  uploadSignedOut: '登录已过期，记录保留在本机。请用新的登记链接登录后再上传。',
} as const;

/** A refusal the service gave, in the volunteer's words where the service's own title is too long for a glance. */
export const REFUSALS: Record<string, string> = {
  'already-counted': '这张卡已签到过',
  'unknown-card': '找不到这张卡，请核对卡号',
  'card-closed': '这张卡已挂失或注销',
  'not-today': '不是今天的活动，不能签到',
  'daily-cap': '今天这类活动的积分已达上限',
  'no-rule': '这类活动没有积分',
};
