/**
 * Errors as application/problem+json (RFC 9457) with a title in the request's language: Simplified Chinese by
 * default, Traditional for zh-Hant/zh-TW/zh-HK and Cantonese, English for en. `type` is a stable URI per
 * problem so a client can act on it without reading the words.
 */
import { nearestKey } from '@hc/domain/fields.ts';
import { z } from 'zod';

export type Lang = 'zh-hans' | 'zh-hant' | 'en';
/** Words in each language the problems speak. */
type Words = Record<Lang, string>;
export const T = (zhHans: string, zhHant: string, en: string): Words => ({ 'zh-hans': zhHans, 'zh-hant': zhHant, en });

export const PROBLEMS = {
  'invalid-request': [
    400,
    T(
      '请求内容有误，请检查标出的字段',
      '請求內容有誤，請檢查標出的欄位',
      'The request is not valid: see the fields listed',
    ),
  ],
  'bad-json': [400, T('请求内容不是完整的 JSON', '請求內容不是完整的 JSON', 'The body is not complete JSON')],
  'too-large': [413, T('请求内容太大', '請求內容太大', 'The request body is too large')],
  'headers-too-large': [
    431,
    T(
      '请求头太大（Cookie 太多或太长？）',
      '請求標頭太大（Cookie 太多或太長？）',
      'The request headers are too large (too many or too long cookies?)',
    ),
  ],
  'bad-http': [400, T('请求的格式不对，无法读取', '請求的格式不對，無法讀取', 'The request is not well-formed HTTP')],
  'request-timeout': [
    408,
    T('请求发送得太慢，已超时', '請求傳送得太慢，已逾時', 'The request took too long to arrive'),
  ],
  'unsupported-media-type': [
    415,
    T('请求内容须为 application/json', '請求內容須為 application/json', 'The body must be application/json'),
  ],
  'idempotency-key-missing': [
    400,
    T(
      '每次写入都需要 Idempotency-Key 请求头（8–100 个字母、数字或 -_.:）',
      '每次寫入都需要 Idempotency-Key 標頭（8–100 個字母、數字或 -_.:）',
      'Every write needs an Idempotency-Key header (8–100 letters, digits or -_.:)',
    ),
  ],
  'idempotency-key-reused': [
    422,
    T(
      '这个 Idempotency-Key 已用于另一份不同的请求',
      '這個 Idempotency-Key 已用於另一份不同的請求',
      'This Idempotency-Key was already used for a different request',
    ),
  ],
  unauthenticated: [
    401,
    T(
      '请先登录（工作人员）或出示积分卡',
      '請先登入（工作人員）或出示積分卡',
      'Sign in (staff) or present a points card first',
    ),
  ],
  forbidden: [403, T('您的角色不能进行这项操作', '您的角色不能進行這項操作', 'Your role may not do this')],
  'origin-refused': [403, T('请求来源不被接受', '請求來源不被接受', 'Requests from this origin are refused')],
  'not-found': [404, T('找不到所请求的内容', '找不到所請求的內容', 'Not found')],
  'method-not-allowed': [
    405,
    T('这个地址不接受这种请求方法', '這個位址不接受這種請求方法', 'This address does not take this method'),
  ],
  'unknown-card': [
    404,
    T('找不到这张积分卡，请核对卡号', '找不到這張積分卡，請核對卡號', 'No such points card: check the number'),
  ],
  'card-closed': [410, T('这张积分卡已挂失或注销', '這張積分卡已掛失或註銷', 'This card was reported lost or deleted')],
  'rate-limited': [429, T('操作太频繁，请稍后再试', '操作太頻繁，請稍後再試', 'Too many requests: try again shortly')],
  'insufficient-points': [409, T('积分不够', '積分不夠', 'Not enough points')],
  'out-of-stock': [409, T('这项兑换已经兑完', '這項兌換已經兌完', 'This reward is out of stock')],
  'per-person-limit': [
    409,
    T('已达到每人可兑换的次数', '已達到每人可兌換的次數', 'You have reached the limit per person'),
  ],
  'reward-unavailable': [
    409,
    T('这项兑换目前不在兑换期内或已下架', '這項兌換目前不在兌換期內或已下架', 'This reward is not available now'),
  ],
  'already-counted': [409, T('这次活动已经记过积分', '這次活動已經記過積分', 'Points for this were already counted')],
  'daily-cap': [
    409,
    T(
      '今天这一类活动的积分已达上限',
      '今天這一類活動的積分已達上限',
      "Today's limit for this kind of activity is reached",
    ),
  ],
  'not-today': [
    409,
    T(
      '只能为今天（或两天内离线记录）的活动记积分',
      '只能為今天（或兩天內離線記錄）的活動記積分',
      "Points are recorded only for today's occurrences (or offline records up to two days old)",
    ),
  ],
  'no-rule': [422, T('这类活动没有积分规则', '這類活動沒有積分規則', 'No earning rule covers this')],
  'code-forged': [422, T('签到码无效', '簽到碼無效', 'This check-in code is not valid')],
  'code-expired': [
    422,
    T(
      '签到码已过期，请扫描屏幕上最新的码',
      '簽到碼已過期，請掃描螢幕上最新的碼',
      'This check-in code has expired: scan the current one',
    ),
  ],
  'voucher-not-issued': [
    409,
    T('这张兑换券已领取或已取消', '這張兌換券已領取或已取消', 'This voucher was already handed over or cancelled'),
  ],
  'voucher-expired': [409, T('这张兑换券已过期', '這張兌換券已過期', 'This voucher has expired')],
  'consent-required': [
    422,
    T(
      '请先阅读并同意当前版本的个人信息说明',
      '請先閱讀並同意目前版本的個人資料說明',
      'Read and accept the current privacy notice first',
    ),
  ],
  'under-14': [
    422,
    T(
      '本版本暂不为 14 岁以下儿童办卡（儿童个人信息需监护人单独同意）',
      '本版本暫不為 14 歲以下兒童辦卡（兒童個人資料需監護人單獨同意）',
      'Children under 14 are not enrolled in this version (their data needs separate guardian consent)',
    ),
  ],
  'enrolment-invalid': [
    410,
    T(
      '登记链接无效、已用过或已过期，请向管理员重新申请',
      '登記連結無效、已用過或已過期，請向管理員重新申請',
      'This enrolment link is invalid, used or expired: ask an admin for a new one',
    ),
  ],
  'transfer-code-invalid': [
    410,
    T(
      '转移码不对、已用过或已过期，请在原来的手机上重新获取',
      '轉移碼不對、已用過或已過期，請在原來的手機上重新取得',
      'This transfer code is wrong, used or expired: get a new one on the phone that has the card',
    ),
  ],
  'already-reversed': [
    409,
    T('这笔记录已被更正或取消过', '這筆記錄已被更正或取消過', 'This transfer was already reversed'),
  ],
  'catalogue-missing': [
    503,
    T(
      '积分目录尚未同步（npm run points:sync）',
      '積分目錄尚未同步（npm run points:sync）',
      'The points catalogue has not been synced yet (npm run points:sync)',
    ),
  ],
  'catalogue-conflict': [
    409,
    T(
      '新目录的库存少于已兑出的数量',
      '新目錄的庫存少於已兌出的數量',
      'The new catalogue supplies fewer than were already taken',
    ),
  ],
  internal: [
    500,
    T(
      '服务出错了，请稍后再试；没有写入任何内容',
      '服務出錯了，請稍後再試；沒有寫入任何內容',
      'Something went wrong; nothing was written',
    ),
  ],
} as const satisfies Record<string, readonly [number, Record<Lang, string>]>;
export type ProblemCode = keyof typeof PROBLEMS;

export interface FieldError {
  path: string;
  message: string;
}

export class ApiError extends Error {
  readonly code: ProblemCode;
  readonly status: number;
  /** More about this case: the same in every language (an id, a method and path), or words in each (T()). */
  readonly detail?: string | Words;
  readonly errors?: FieldError[];
  constructor(code: ProblemCode, opts: { detail?: string | Words; errors?: FieldError[] } = {}) {
    super(code);
    this.code = code;
    this.status = PROBLEMS[code][0];
    this.detail = opts.detail;
    this.errors = opts.errors;
  }
}

/** The language of the problem's words from an Accept-Language header. */
export function problemLanguage(acceptLanguage: string | undefined): Lang {
  for (const part of (acceptLanguage ?? '').split(',')) {
    const tag = part.split(';')[0]!.trim().toLowerCase();
    if (!tag || tag === '*') continue;
    if (/^zh-(hant|tw|hk|mo)/.test(tag) || tag.startsWith('yue')) return 'zh-hant';
    if (tag.startsWith('zh')) return 'zh-hans';
    if (tag.startsWith('en')) return 'en';
  }
  return 'zh-hans';
}

export function problemBody(e: ApiError, lang: Lang, instance?: string) {
  return {
    type: `https://jiankang.example/problems/${e.code}`,
    title: PROBLEMS[e.code][1][lang],
    status: e.status,
    ...(e.detail ? { detail: typeof e.detail === 'string' ? e.detail : e.detail[lang] } : {}),
    ...(e.errors ? { errors: e.errors } : {}),
    ...(instance ? { instance } : {}),
  };
}

const FIELD_WORDS = {
  'zh-hans': {
    unknown: '未知字段',
    mean: '是否想写',
    known: '可用字段',
    required: '必填',
    type: '类型不对，应为',
    text: '含有不能保存的字符（NUL 或不成对的 Unicode 代理项）',
  },
  'zh-hant': {
    unknown: '未知欄位',
    mean: '是否想寫',
    known: '可用欄位',
    required: '必填',
    type: '類型不對，應為',
    text: '含有無法儲存的字元（NUL 或不成對的 Unicode 代理項）',
  },
  en: {
    unknown: 'unknown field',
    mean: 'did you mean',
    known: 'known fields',
    required: 'required',
    type: 'wrong type, expected',
    text: 'contains a character that cannot be stored (NUL or an unpaired surrogate)',
  },
} as const;

/** Text PostgreSQL cannot keep as sent: a NUL (refused by it), half a surrogate pair (stored as U+FFFD). */
const unstorable = (s: string) => s.includes('\u0000') || !s.isWellFormed();

/**
 * Every string (and object key) in a request's body, path or query that PostgreSQL cannot keep as sent, as field
 * errors: refused with the rest of the validation, before anything reads or writes with it. Walks without
 * recursion, so no depth of nesting overflows the stack.
 */
export function textErrors(value: unknown, lang: Lang): FieldError[] {
  const out: FieldError[] = [];
  const stack: Array<[unknown, string[]]> = [[value, []]];
  const at = (p: string[]) => p.join('.') || '(body)';
  while (stack.length) {
    const [v, path] = stack.pop()!;
    if (typeof v === 'string') {
      if (unstorable(v)) out.push({ path: at(path), message: FIELD_WORDS[lang].text });
    } else if (Array.isArray(v)) v.forEach((x, i) => stack.push([x, [...path, String(i)]]));
    else if (v && typeof v === 'object')
      for (const [k, x] of Object.entries(v)) {
        if (unstorable(k))
          out.push({ path: at([...path, k.replace(/[^\x20-\x7e]/g, '?')]), message: FIELD_WORDS[lang].text });
        else stack.push([x, [...path, k]]);
      }
  }
  return out;
}

type Def = Record<string, unknown>;
/** The definition of the schema at a path in a body (through optional, default… wrappers), or undefined. */
function defAt(schema: unknown, path: readonly PropertyKey[]): Def | undefined {
  let s = schema as { _zod?: { def?: Def } } | undefined;
  for (let i = 0; i <= path.length && s; i++) {
    let def = s._zod?.def;
    while (def && ['optional', 'nullable', 'default', 'pipe'].includes(def.type as string))
      def = (def.innerType ?? def.in) ? ((def.innerType ?? def.in) as { _zod?: { def?: Def } })._zod?.def : undefined;
    if (!def) return undefined;
    if (i === path.length) return def;
    const head = path[i];
    if (def.type === 'object' && typeof head === 'string') s = (def.shape as Record<string, typeof s>)[head];
    else if (def.type === 'array') s = def.element as typeof s;
    else return undefined;
  }
  return undefined;
}

function knownKeys(schema: unknown, path: readonly PropertyKey[]): string[] {
  const def = defAt(schema, path);
  return def?.type === 'object' ? Object.keys(def.shape as object) : [];
}

/** How far a body is from one form of a union: its issues, an unknown field counting once per field. */
const distance = (issues: readonly z.core.$ZodIssue[]) =>
  issues.reduce((n, i) => n + (i.code === 'unrecognized_keys' ? i.keys.length : 1), 0);

/** Field errors of a failed parse, with the nearest known field for a mistyped one. */
export function fieldErrors(error: z.ZodError, lang: Lang, schema?: unknown): FieldError[] {
  const w = FIELD_WORDS[lang];
  return error.issues.flatMap((issue): FieldError[] => {
    const at = (p: readonly PropertyKey[]) => p.map(String).join('.') || '(body)';
    // One of several forms (a correction reverses a transfer or moves points): what is wrong in the closest form,
    // not "invalid input" for the whole body.
    if (issue.code === 'invalid_union' && issue.errors.length) {
      const best = issue.errors.reduce((b, e, i) => (distance(e) < distance(issue.errors[b]!) ? i : b), 0);
      const options = defAt(schema, issue.path)?.options as unknown[] | undefined;
      const inner = fieldErrors(new z.ZodError(issue.errors[best]!), lang, options?.[best]);
      const prefix = issue.path.map(String).join('.');
      return inner.map((e) => ({
        ...e,
        path: !prefix ? e.path : e.path === '(body)' ? prefix : `${prefix}.${e.path}`,
      }));
    }
    if (issue.code === 'unrecognized_keys') {
      const known = schema ? knownKeys(schema, issue.path) : [];
      return issue.keys.map((key) => {
        const near = nearestKey(key, known);
        return {
          path: at([...issue.path, key]),
          message: near
            ? `${w.unknown} — ${w.mean} ${near}?`
            : `${w.unknown}${known.length ? ` (${w.known}: ${known.join(', ')})` : ''}`,
        };
      });
    }
    if (issue.code === 'invalid_type' && / received undefined$/.test(issue.message))
      return [{ path: at(issue.path), message: `${w.required} (${issue.expected})` }];
    if (issue.code === 'invalid_type') return [{ path: at(issue.path), message: `${w.type} ${issue.expected}` }];
    return [{ path: at(issue.path), message: localMessage(issue, lang) }];
  });
}

/** Zod's own messages in the request's language (its zh-CN and zh-TW locales); English as Zod wrote it. */
const LOCALE_ERRORS = { 'zh-hans': z.locales.zhCN().localeError, 'zh-hant': z.locales.zhTW().localeError } as const;
function localMessage(issue: z.core.$ZodIssue, lang: Lang): string {
  if (lang === 'en') return issue.message;
  const out = LOCALE_ERRORS[lang](issue as unknown as Parameters<(typeof LOCALE_ERRORS)[typeof lang]>[0]);
  return (typeof out === 'string' ? out : out?.message) ?? issue.message;
}
