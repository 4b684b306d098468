/**
 * The medical-review workflow in the Studio: document actions and badges for health documents (articles,
 * self-checks, and events and family stories marked 含健康建议). The rules (who may do what, when an approval no
 * longer holds, what approval fills in) are cms/workflow/rules.ts; this file connects them to Sanity's document
 * actions API (DocumentActionComponent, useDocumentOperation):
 *   提交审核  (editor)   批准 / 退回修改 (reviewer, a dialog with a required comment)
 *   发布      replaces Sanity's own publish action: only while the approval is for the current content
 *   预览      opens the draft on the preview site (SANITY_STUDIO_PREVIEW_URL)
 * Every action is shown to everyone who may meet it; when it is not available its tooltip says why.
 * Each step is also written as a reviewEvent document (created once, never changed), the history the public
 * build checks against Sanity's transaction log. Reviewer profiles are read live: a new one needs no reload.
 */
import { ArrowRightIcon } from '@sanity/icons/ArrowRight';
import { CheckmarkCircleIcon } from '@sanity/icons/CheckmarkCircle';
import { EyeOpenIcon } from '@sanity/icons/EyeOpen';
import { PublishIcon } from '@sanity/icons/Publish';
import { UndoIcon } from '@sanity/icons/Undo';
import { Button, Flex, Stack, Text, TextArea } from '@sanity/ui';
import { useEffect, useState } from 'react';
import {
  useClient,
  useCurrentUser,
  useDocumentOperation,
  useSchema,
  type DocumentActionComponent,
  type DocumentActionProps,
  type DocumentBadgeComponent,
  type DuplicateDocumentActionComponent,
  type SanityDocumentLike,
} from 'sanity';
import { daysOverdue } from '@hc/domain/review.ts';
import { previewUrl } from '../env.ts';
import { todayInChina } from '../structure/index.ts';
import {
  ACTION_LABEL,
  can,
  needsReview,
  reviewStatus,
  RULES,
  STATE_LABEL,
  transition,
  type Actor,
  type ReviewAction,
  type ReviewerProfile,
} from './rules.ts';

const API_VERSION = '2025-02-19';
const PROFILES_QUERY =
  '*[_type == "reviewerProfile" && !(_id in path("drafts.**"))]{ _id, name, title, userId, active }';

/** The reviewer profiles of the dataset, kept current: a profile an administrator adds counts at once. */
function useReviewerProfiles(): ReviewerProfile[] {
  const client = useClient({ apiVersion: API_VERSION });
  const [profiles, setProfiles] = useState<ReviewerProfile[]>([]);
  useEffect(() => {
    let live = true;
    const load = () =>
      client
        .fetch<ReviewerProfile[]>(PROFILES_QUERY)
        .then((p) => live && setProfiles(p))
        .catch(() => undefined);
    void load();
    const sub = client
      .listen(PROFILES_QUERY, {}, { visibility: 'query', events: ['mutation'] })
      .subscribe(() => void load());
    return () => {
      live = false;
      sub.unsubscribe();
    };
  }, [client]);
  return profiles;
}

function useActor(): Actor | null {
  const user = useCurrentUser();
  return user ? { userId: user.id, name: user.name } : null;
}

/** The form titles of a document type's fields, to name what changed since the last approval. */
function useFieldTitles(type: string): Record<string, string> {
  const schemaType = useSchema().get(type) as
    { fields?: Array<{ name: string; type: { title?: string } }> } | undefined;
  return Object.fromEntries((schemaType?.fields ?? []).map((f) => [f.name, f.type.title ?? f.name]));
}

function useWorkflow(props: DocumentActionProps) {
  const profiles = useReviewerProfiles();
  const actor = useActor();
  const client = useClient({ apiVersion: API_VERSION });
  const fieldTitles = useFieldTitles(props.type);
  const ops = useDocumentOperation(props.id, props.type);
  const status = reviewStatus({ draft: props.draft, published: props.published });
  const applies = needsReview(props.type, (props.draft ?? props.published) as Record<string, unknown> | null);
  const run = async (action: ReviewAction, comment?: string): Promise<string | undefined> => {
    const t = transition(action, {
      type: props.type,
      draft: props.draft,
      published: props.published,
      actor,
      profiles,
      comment,
      now: new Date().toISOString(),
      today: todayInChina(),
      key: `${action}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`,
      fieldTitles,
    });
    if (!t.ok) return t.reason;
    // The record first (create, never createOrReplace: an existing record is never overwritten), then the document.
    try {
      await client.create(t.event);
    } catch (e) {
      return `审核记录没有保存，请稍后再试（${(e as Error).message}）`;
    }
    ops.patch.execute([{ set: t.set }]);
    if (action === 'publish') ops.publish.execute();
    return undefined;
  };
  return { profiles, actor, ops, status, run, applies };
}

export const SubmitForReviewAction: DocumentActionComponent = (props) => {
  const { profiles, actor, status, run, applies } = useWorkflow(props);
  if (!applies || !props.draft || !(status.state === 'draft' || status.state === 'changed')) return null;
  const d = can('submit', status, actor, profiles);
  return {
    label: ACTION_LABEL.submit,
    icon: ArrowRightIcon,
    tone: 'primary',
    disabled: !d.allowed,
    title: d.allowed ? '交给审核医生审核；批准后才能发布' : d.reason,
    onHandle: () => {
      void run('submit').then(() => props.onComplete());
    },
  };
};
SubmitForReviewAction.displayName = 'SubmitForReviewAction';

/** 审核通过 and 退回修改: a dialog that asks for the reviewer's comment. */
function reviewDecision(action: 'approve' | 'reject'): DocumentActionComponent {
  const Component: DocumentActionComponent = (props) => {
    const { profiles, actor, status, run, applies } = useWorkflow(props);
    const [open, setOpen] = useState(false);
    const [comment, setComment] = useState('');
    const [error, setError] = useState<string>();
    if (!applies || !props.draft) return null;
    // Shown wherever the step comes next (also to editors, disabled, with the reason), hidden where it never applies.
    const next = RULES[action].from.includes(status.state) || (action === 'approve' && status.state === 'changed');
    if (!next) return null;
    const d = can(action, status, actor, profiles);
    const close = () => {
      setOpen(false);
      setComment('');
      setError(undefined);
    };
    const submit = () => {
      void run(action, comment).then((reason) => {
        if (reason) {
          setError(reason);
          return;
        }
        close();
        props.onComplete();
      });
    };
    const approve = action === 'approve';
    return {
      label: ACTION_LABEL[action],
      icon: approve ? CheckmarkCircleIcon : UndoIcon,
      tone: approve ? 'positive' : 'caution',
      disabled: !d.allowed,
      title: d.allowed ? undefined : d.reason,
      onHandle: () => setOpen(true),
      dialog: open && {
        type: 'dialog',
        header: ACTION_LABEL[action],
        onClose: close,
        content: (
          <Stack gap={4}>
            <Text size={1}>
              {approve
                ? '请写明审核意见（例如核对了哪份指南、哪些数字）。批准后，审核人、审核日期和下次复审日期会按您的资料自动填写；之后内容再有改动，需要重新提交审核。'
                : '请写明需要修改的地方，编辑改完后会重新提交审核。'}
            </Text>
            <TextArea
              rows={4}
              value={comment}
              onChange={(e) => setComment(e.currentTarget.value)}
              placeholder={approve ? '审核意见（必填）' : '修改意见（必填）'}
              aria-label={approve ? '审核意见' : '修改意见'}
            />
            {error && (
              <Text size={1} style={{ color: 'var(--card-badge-critical-fg-color, #c00)' }}>
                {error}
              </Text>
            )}
            <Flex gap={2} justify="flex-end">
              <Button mode="ghost" text="取消" onClick={close} />
              <Button
                tone={approve ? 'positive' : 'caution'}
                text={ACTION_LABEL[action]}
                disabled={!comment.trim()}
                onClick={submit}
              />
            </Flex>
          </Stack>
        ),
      },
    };
  };
  Component.displayName = action === 'approve' ? 'ApproveAction' : 'RequestChangesAction';
  return Component;
}

export const ApproveAction = reviewDecision('approve');
export const RequestChangesAction = reviewDecision('reject');

/**
 * Replaces Sanity's publish action on health documents: publishes only approved, unchanged content. An event or
 * family story not marked 含健康建议 keeps Sanity's own publish (both hooks always run, in the same order).
 */
function reviewedPublish(original: DocumentActionComponent | undefined): DocumentActionComponent {
  const Action: DocumentActionComponent = (props) => {
    const plain = original ? original(props) : null;
    const reviewed = ReviewedPublishAction(props);
    return needsReview(props.type, (props.draft ?? props.published) as Record<string, unknown> | null)
      ? reviewed
      : plain;
  };
  Action.action = 'publish';
  Action.displayName = 'PublishOrReviewedPublishAction';
  return Action;
}

const ReviewedPublishAction: DocumentActionComponent = (props) => {
  const { profiles, actor, status, ops, run, applies } = useWorkflow(props);
  if (!applies) return null;
  const d = can('publish', status, actor, profiles);
  const blocked = !d.allowed || Boolean(ops.publish.disabled) || !props.draft;
  return {
    label: ACTION_LABEL.publish,
    icon: PublishIcon,
    tone: 'positive',
    disabled: blocked,
    title: !d.allowed
      ? d.reason
      : !props.draft
        ? '没有未发布的修改'
        : status.approval
          ? `${status.approval.reviewer} 已于 ${status.approval.approvedAt} 批准`
          : undefined,
    onHandle: () => {
      void run('publish').then(() => props.onComplete());
    },
  };
};

/** The page a document has on the site, for the preview link. */
export function sitePath(type: string, slug: string | undefined): string | undefined {
  if (!slug) return undefined;
  if (type === 'article') return `/articles/${slug}/`;
  if (type === 'quiz') return `/self-check/${slug}/`;
  return undefined;
}

/** 预览: the draft as residents will see it, on the preview site (a build or `astro dev` reading drafts). */
export const PreviewAction: DocumentActionComponent = (props) => {
  const doc = (props.draft ?? props.published) as { slug?: { current?: string } } | null;
  const p = sitePath(props.type, doc?.slug?.current);
  if (!p) return null;
  const url = previewUrl ? `${previewUrl.replace(/\/+$/, '')}${p}` : undefined;
  return {
    label: '预览',
    icon: EyeOpenIcon,
    disabled: !url,
    title: url ? `在预览网站打开 ${url}` : '还没有设置预览网站（SANITY_STUDIO_PREVIEW_URL，见 docs/sanity.md）',
    onHandle: () => {
      if (url) window.open(url, '_blank', 'noopener');
      props.onComplete();
    },
  };
};
PreviewAction.displayName = 'PreviewAction';

/** Sanity's duplicate, but the copy starts as a new draft: no review state, approval or history. */
function withoutReview(duplicate: DocumentActionComponent): DocumentActionComponent {
  const dup = duplicate as DuplicateDocumentActionComponent;
  const Action: DocumentActionComponent = (props) =>
    dup({ ...props, mapDocument: ({ review: _review, ...doc }: SanityDocumentLike) => doc as SanityDocumentLike });
  Action.action = 'duplicate';
  Action.displayName = 'DuplicateWithoutReviewAction';
  return Action;
}

/** The workflow's actions for a health document, with Sanity's publish replaced. */
export function healthDocumentActions(prev: DocumentActionComponent[]): DocumentActionComponent[] {
  return [
    SubmitForReviewAction,
    ApproveAction,
    reviewedPublish(prev.find((a) => a.action === 'publish')),
    RequestChangesAction,
    PreviewAction,
    ...prev.filter((a) => a.action !== 'publish').map((a) => (a.action === 'duplicate' ? withoutReview(a) : a)),
  ];
}

export const ReviewStateBadge: DocumentBadgeComponent = (props) => {
  if (!needsReview(props.type, (props.draft ?? props.published) as Record<string, unknown> | null)) return null;
  const status = reviewStatus({ draft: props.draft, published: props.published });
  if (status.state === 'published' && !props.draft) return null; // Sanity shows 已发布 itself
  const color =
    status.state === 'approved'
      ? 'success'
      : status.state === 'inReview' || status.state === 'changed'
        ? 'warning'
        : undefined;
  const next: Record<typeof status.state, string> = {
    draft: '写好后点“提交审核”',
    inReview: '等审核人批准或退回',
    changed: '批准或提交后内容又改过：请再点“提交审核”',
    approved: '可以点“发布”',
    published: '',
  };
  return {
    label: STATE_LABEL[status.state],
    title: status.approval
      ? `${status.approval.reviewer}（${status.approval.reviewerTitle}）${status.approval.approvedAt} 批准；${next[status.state]}`
      : next[status.state],
    color,
  };
};
ReviewStateBadge.displayName = 'ReviewStateBadge';

/** 复审已过期: an article or self-check past its next review date (the build's review report lists it too). */
export const OverdueBadge: DocumentBadgeComponent = (props) => {
  if (props.type !== 'article' && props.type !== 'quiz') return null;
  const doc = (props.draft ?? props.published) as { nextReviewDue?: string } | null;
  const days = daysOverdue(doc?.nextReviewDue, todayInChina());
  if (days === 0) return null;
  return {
    label: `复审已过期 ${days} 天`,
    title: `下次复审日期 ${doc?.nextReviewDue} 已过：请编辑点“提交审核”，审核人批准后日期自动更新`,
    color: 'danger',
  };
};
OverdueBadge.displayName = 'OverdueBadge';
