/** The Portable Text shapes the site reads and writes (a subset: what cms/schemaTypes/common.ts richText allows). */
export interface PtSpan {
  _type: 'span';
  _key: string;
  text: string;
  marks: string[];
}

export interface PtLink {
  _type: 'link';
  _key: string;
  href: string;
}

export interface PtBlock {
  _type: 'block';
  _key: string;
  style: string;
  markDefs: PtLink[];
  children: PtSpan[];
  listItem?: 'bullet' | 'number';
  level?: number;
}

/** An image inside a body: an uploaded asset (or one to upload on import) with alt text. */
export interface PtImage {
  _type: 'contentImage';
  _key: string;
  alt: string;
  credit?: string;
  license?: string;
  /** On import: "image@file:///…" (sanity dataset import uploads it). */
  _sanityAsset?: string;
  asset?: {
    _ref?: string;
    _id?: string;
    url?: string;
    metadata?: { dimensions?: { width?: number; height?: number } };
  };
}

export interface PtCallout {
  _type: 'callout';
  _key: string;
  tone?: 'note' | 'warning';
  text: string;
}

export type PtNode = PtBlock | PtImage | PtCallout;
