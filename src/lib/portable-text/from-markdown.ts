/**
 * Markdown → Portable Text with marked's lexer, for moving content/ into Sanity (scripts/cms-export.ts).
 * The inverse of markdown.ts for what content/ uses: headings, paragraphs, bullet and numbered lists (nested),
 * bold, italic, code, links, quotes and images (which the caller turns into assets to upload).
 */
import { Lexer, type Token, type Tokens } from 'marked';
import type { PtBlock, PtImage, PtLink, PtNode, PtSpan } from './types.ts';

export interface FromMarkdownOptions {
  /** Deterministic keys: prefix + counter (the same Markdown gives the same document). */
  keyPrefix?: string;
  /** An image in the body: return the node to store (e.g. with _sanityAsset), or undefined to drop it. */
  image?: (src: string, alt: string, key: string) => PtImage | undefined;
}

class Keys {
  private n = 0;
  private readonly prefix: string;
  constructor(prefix: string) {
    this.prefix = prefix;
  }
  next(): string {
    return `${this.prefix}${(this.n++).toString(36)}`;
  }
}

interface InlineState {
  spans: PtSpan[];
  markDefs: PtLink[];
  keys: Keys;
}

function pushText(st: InlineState, text: string, marks: string[]): void {
  if (!text) return;
  const last = st.spans.at(-1);
  if (last && last.marks.length === marks.length && last.marks.every((m, i) => m === marks[i])) last.text += text;
  else st.spans.push({ _type: 'span', _key: st.keys.next(), text, marks: [...marks] });
}

function inline(st: InlineState, tokens: Token[] | undefined, marks: string[]): void {
  for (const t of tokens ?? []) {
    switch (t.type) {
      case 'strong':
        inline(st, (t as Tokens.Strong).tokens, [...marks, 'strong']);
        break;
      case 'em':
        inline(st, (t as Tokens.Em).tokens, [...marks, 'em']);
        break;
      case 'codespan':
        pushText(st, (t as Tokens.Codespan).text, [...marks, 'code']);
        break;
      case 'link': {
        const key = st.keys.next();
        st.markDefs.push({ _type: 'link', _key: key, href: (t as Tokens.Link).href });
        inline(st, (t as Tokens.Link).tokens, [...marks, key]);
        break;
      }
      case 'br':
        pushText(st, '\n', marks);
        break;
      case 'text': {
        const tt = t as Tokens.Text;
        if (tt.tokens?.length) inline(st, tt.tokens, marks);
        else pushText(st, tt.text, marks);
        break;
      }
      case 'escape':
        pushText(st, (t as Tokens.Escape).text, marks);
        break;
      default:
        pushText(st, 'text' in t && typeof t.text === 'string' ? t.text : t.raw, marks);
    }
  }
}

function block(keys: Keys, tokens: Token[] | undefined, style: string, extra: Partial<PtBlock> = {}): PtBlock {
  const st: InlineState = { spans: [], markDefs: [], keys };
  const key = keys.next();
  inline(st, tokens, []);
  if (st.spans.length === 0) st.spans.push({ _type: 'span', _key: keys.next(), text: '', marks: [] });
  return { _type: 'block', _key: key, style, markDefs: st.markDefs, children: st.spans, ...extra };
}

function list(out: PtNode[], keys: Keys, token: Tokens.List, level: number): void {
  for (const item of token.items) {
    const inlineTokens: Token[] = [];
    const nested: Tokens.List[] = [];
    for (const child of item.tokens) {
      if (child.type === 'list') nested.push(child as Tokens.List);
      else if (child.type === 'text' || child.type === 'paragraph') {
        if (inlineTokens.length) inlineTokens.push({ type: 'br', raw: '\n' } as Tokens.Br);
        inlineTokens.push(...((child as Tokens.Text).tokens ?? [child]));
      }
    }
    out.push(block(keys, inlineTokens, 'normal', { listItem: token.ordered ? 'number' : 'bullet', level }));
    for (const n of nested) list(out, keys, n, level + 1);
  }
}

/** Markdown text → Portable Text nodes. */
export function markdownToPortableText(markdown: string, opts: FromMarkdownOptions = {}): PtNode[] {
  const keys = new Keys(opts.keyPrefix ?? 'k');
  const out: PtNode[] = [];
  const walk = (tokens: Token[], quoted: boolean) => {
    for (const t of tokens) {
      switch (t.type) {
        case 'heading': {
          const depth = Math.min(4, Math.max(2, (t as Tokens.Heading).depth));
          out.push(block(keys, (t as Tokens.Heading).tokens, `h${depth}`));
          break;
        }
        case 'paragraph': {
          const p = t as Tokens.Paragraph;
          const only = p.tokens?.filter((x) => !(x.type === 'text' && !x.raw.trim()));
          if (only?.length === 1 && only[0]!.type === 'image') {
            const img = only[0] as Tokens.Image;
            const node = opts.image?.(img.href, img.text, keys.next());
            if (node) out.push(node);
            break;
          }
          out.push(block(keys, p.tokens, quoted ? 'blockquote' : 'normal'));
          break;
        }
        case 'list':
          list(out, keys, t as Tokens.List, 1);
          break;
        case 'blockquote':
          walk((t as Tokens.Blockquote).tokens, true);
          break;
        case 'code':
          out.push(
            block(keys, [{ type: 'codespan', raw: t.raw, text: (t as Tokens.Code).text } as Tokens.Codespan], 'normal'),
          );
          break;
        case 'space':
        case 'hr':
          break;
        default:
          if ('tokens' in t && Array.isArray(t.tokens)) out.push(block(keys, t.tokens as Token[], 'normal'));
          else if ('text' in t && typeof t.text === 'string' && t.text.trim())
            out.push(block(keys, [{ type: 'text', raw: t.raw, text: t.text } as Tokens.Text], 'normal'));
      }
    }
  };
  walk(new Lexer().lex(markdown), false);
  return out;
}
