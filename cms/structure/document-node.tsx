/** Health documents get a second tab, 审核记录: their review history, kept outside the document. */
import type { DefaultDocumentNodeResolver } from 'sanity/structure';
import { ReviewHistoryView } from '../workflow/history-view.tsx';
import { isHealthType } from '../workflow/rules.ts';

export const defaultDocumentNode: DefaultDocumentNodeResolver = (S, { schemaType }) =>
  isHealthType(schemaType)
    ? S.document().views([S.view.form().title('编辑'), S.view.component(ReviewHistoryView).title('审核记录')])
    : S.document();
