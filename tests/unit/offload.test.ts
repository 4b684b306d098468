/** Build work on worker threads (src/lib/offload): same answers as in-process, and in-process when it must. */
import { afterEach, describe, expect, it } from 'vitest';
import { currentThread, helpWithQueuedWork, offload } from '../../src/lib/offload/index.ts';
import { escapeHtml } from '../../src/lib/text/escape.ts';
import { pinyinFiles } from '../../src/lib/text/pinyin.ts';

const saved = process.env.HC_BUILD_WORKERS;
afterEach(() => {
  if (saved === undefined) delete process.env.HC_BUILD_WORKERS;
  else process.env.HC_BUILD_WORKERS = saved;
});

describe('offload', () => {
  it('runs a src/lib function on a worker thread and returns what it returns in-process', async () => {
    expect(await offload('offload/index.ts', 'currentThread', [], currentThread)).not.toBe(currentThread());
    const items = [
      {
        src: {
          title: '量血压<1>',
          summary: '早晚各一次',
          bodyHtml: '<p>在家<strong>测</strong></p>',
          script: 'hans' as const,
        },
        what: 'a',
      },
      { src: { title: '量血壓', summary: '早晚', bodyHtml: '<p>血壓</p>', script: 'hant' as const }, what: 'b' },
    ];
    expect(await offload('text/pinyin.ts', 'pinyinFiles', [items], pinyinFiles)).toEqual(pinyinFiles(items));
    expect(await offload('text/escape.ts', 'escapeHtml', ['<a href="x">'], escapeHtml)).toBe(
      '&lt;a href=&quot;x&quot;&gt;',
    );
  });

  it('runs in-process when workers are off, or when the module cannot be loaded in one', async () => {
    expect(await offload('offload/index.ts', 'currentThread', [], currentThread)).not.toBe(0);
    process.env.HC_BUILD_WORKERS = '0';
    expect(await offload('offload/index.ts', 'currentThread', [], currentThread)).toBe(currentThread());
    delete process.env.HC_BUILD_WORKERS;
    expect(await offload('no/such-module.ts', 'f', [2], (x: number) => x * 2)).toBe(4);
    expect(await offload('text/escape.ts', 'noSuchExport', ['<'], escapeHtml)).toBe('&lt;');
  });

  it('surfaces the error the work itself throws, as in-process', async () => {
    const notText = 42 as unknown as string;
    expect(() => escapeHtml(notText)).toThrow(TypeError);
    await expect(offload('text/escape.ts', 'escapeHtml', [notText], escapeHtml)).rejects.toThrow(TypeError);
    await expect(offload('no/such-module.ts', 'f', [], () => Promise.reject(new Error('boom')))).rejects.toThrow(
      'boom',
    );
  });

  it('lets the waiting thread take queued jobs (from the back), with the same answers', async () => {
    const body = `<p>${'在家量血压，早晚各一次。'.repeat(200)}</p>`;
    const batches = Array.from({ length: 8 }, (_, i) => [
      { src: { title: `第${i}篇`, summary: '量血压', bodyHtml: body, script: 'hans' as const }, what: String(i) },
    ]);
    const answers = batches.map((b) => offload('text/pinyin.ts', 'pinyinFiles', [b], pinyinFiles));
    // One job is with the worker, seven are queued: this thread does at least the last of them.
    expect(await helpWithQueuedWork()).toBeGreaterThan(0);
    expect(await Promise.all(answers)).toEqual(batches.map((b) => pinyinFiles(b)));
  });

  it('takes only the named function’s jobs when told to, leaving the others to the workers', async () => {
    const body = `<p>${'在家量血压，早晚各一次。'.repeat(200)}</p>`;
    const batch = [{ src: { title: '题', summary: '量血压', bodyHtml: body, script: 'hans' as const }, what: 'x' }];
    const slow = Array.from({ length: 4 }, () => offload('text/pinyin.ts', 'pinyinFiles', [batch], pinyinFiles));
    const quick = offload('text/escape.ts', 'escapeHtml', ['<b>'], escapeHtml);
    expect(await helpWithQueuedWork('escapeHtml')).toBe(1);
    expect(await quick).toBe('&lt;b&gt;');
    expect(await helpWithQueuedWork('escapeHtml')).toBe(0);
    expect(await Promise.all(slow)).toEqual(slow.map(() => pinyinFiles(batch)));
  });
});
