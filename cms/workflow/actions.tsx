/**
 * The medical-review workflow in the Studio: document actions and badges for health documents (article, quiz).
 * The rules (who may do what, when an approval is stale, what approval fills in) are cms/workflow/rules.ts;
 * this file only connects them to Sanity's document actions API (DocumentActionComponent, useDocumentOperation):
 *   提交审核  (editor)   审核通过 / 退回修改 (reviewer, a dialog with a required comment)
 *   发布      replaces Sanity's own publish action: only while the approval is for the current content
 *   预览      opens the draft on the preview site (SANITY_STUDIO_PREVIEW_URL)
 * Reviewer profiles are documents of type reviewerProfile, read from the dataset.
 */
import { CheckmarkCircleIcon } from '@sanity/icons/CheckmarkCircle';
import { EyeOpenIcon } from '@sanity/icons/EyeOpen';
import { PublishIcon } from '@sanity/icons/Publish';
import { ThumbsDownIcon } from '@sanity/icons/ThumbsDown';
import { Button, Flex, Stack, Text, TextArea } from '@sanity/ui';
import { useEffect, useState } from 'react';
import {
  useClient,
  useCurrentUser,
  useDocumentOperation,
  type DocumentActionComponent,
  type DocumentActionProps,
  type DocumentBadgeComponent,
  type DuplicateDocumentActionComponent,
  type SanityDocumentLike,
  type SanityClient,
} from 'sanity';
import { daysOverdue } from '@hc/domain/review.ts';
import { previewUrl } from '../env.ts';
import { todayInChina } from '../structure/index.ts';
import {
  ACTION_LABEL,
  can,
  isHealthType,
  reviewerProfileOf,
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

let profilesCache: { client: SanityClient; promise: Promise<ReviewerProfile[]> } | undefined;

/** The reviewer profiles of the dataset (fetched once per Studio session; a new profile needs a reload). */
function useReviewerProfiles(): ReviewerProfile[] {
  const client = useClient({ apiVersion: API_VERSION });
  const [profiles, setProfiles] = useState<ReviewerProfile[]>([]);
  useEffect(() => {
    if (!profilesCache || profilesCache.client !== client) {
      profilesCache = { client, promise: client.fetch<ReviewerProfile[]>(PROFILES_QUERY).catch(() => []) };
    }
    let live = true;
    profilesCache.promise.then((p) => {
      if (live) setProfiles(p);
    });
    return () => {
      live = false;
    };
  }, [client]);
  return profiles;
}

function useActor(): Actor | null {
  const user = useCurrentUser();
  return user ? { userId: user.id, name: user.name } : null;
}

function useWorkflow(props: DocumentActionProps) {
  const profiles = useReviewerProfiles();
  const actor = useActor();
  const ops = useDocumentOperation(props.id, props.type);
  const status = reviewStatus({ draft: props.draft, published: props.published });
  const run = (action: ReviewAction, comment?: string): string | undefined => {
    const t = transition(action, {
      type: props.type,
      draft: props.draft,
      published: props.published,
      actor,
      profiles,
      comment,
      now: new Date().toISOString(),
      today: todayInChina(),
      key: `${action}-${Date.now().toString(36)}`,
    });
    if (!t.ok) return t.reason;
    ops.patch.execute([{ set: t.set }]);
    if (action === 'publish') ops.publish.execute();
    return undefined;
  };
  return { profiles, actor, ops, status, run };
}

export const SubmitForReviewAction: DocumentActionComponent = (props) => {
  const { profiles, actor, status, run } = useWorkflow(props);
  if (!isHealthType(props.type) || !(status.state === 'draft' || status.stale) || !props.draft) return null;
  const d = can('submit', status, actor, profiles);
  return {
    label: ACTION_LABEL.submit,
    icon: CheckmarkCircleIcon,
    tone: 'primary',
    disabled: !d.allowed,
    title: d.allowed ? '交给审核医生审核；审核通过后才能发布' : d.reason,
    onHandle: () => {
      run('submit');
      props.onComplete();
    },
  };
};
SubmitForReviewAction.displayName = 'SubmitForReviewAction';

/** 审核通过 and 退回修改: a dialog that asks for the reviewer's comment. */
function reviewDecision(action: 'approve' | 'reject'): DocumentActionComponent {
  const Component: DocumentActionComponent = (props) => {
    const { profiles, actor, status, run } = useWorkflow(props);
    const [open, setOpen] = useState(false);
    const [comment, setComment] = useState('');
    const [error, setError] = useState<string>();
    if (!isHealthType(props.type) || !props.draft) return null;
    // Only reviewers see these, and only in a state where they apply.
    if (!reviewerProfileOf(actor?.userId, profiles) || !RULES[action].from.includes(status.state)) return null;
    const d = can(action, status, actor, profiles);
    const close = () => {
      setOpen(false);
      setComment('');
      setError(undefined);
    };
    const submit = () => {
      const reason = run(action, comment);
      if (reason) {
        setError(reason);
        return;
      }
      close();
      props.onComplete();
    };
    const approve = action === 'approve';
    return {
      label: ACTION_LABEL[action],
      icon: approve ? CheckmarkCircleIcon : ThumbsDownIcon,
      tone: approve ? 'positive' : 'caution',
      disabled: !d.allowed,
      title: d.allowed ? undefined : d.reason,
      onHandle: () => setOpen(true),
      dialog: open && {
        type: 'dialog',
        header: approve ? '审核通过' : '退回修改',
        onClose: close,
        content: (
          <Stack gap={4}>
            <Text size={1}>
              {approve
                ? '请写明审核意见（例如核对了哪份指南、哪些数字）。通过后，文章的审核人和审核日期会按您的资料填写；之后内容再有改动，需要重新审核。'
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

/** Replaces Sanity's publish action on health documents: publishes only approved, unchanged content. */
export const ReviewedPublishAction: DocumentActionComponent = (props) => {
  const { profiles, actor, status, ops, run } = useWorkflow(props);
  if (!isHealthType(props.type)) return null;
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
          ? `${status.approval.reviewer} 已于 ${status.approval.approvedAt} 审核通过`
          : undefined,
    onHandle: () => {
      run('publish');
      props.onComplete();
    },
  };
};
ReviewedPublishAction.action = 'publish';
ReviewedPublishAction.displayName = 'ReviewedPublishAction';

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
    ReviewedPublishAction,
    RequestChangesAction,
    PreviewAction,
    ...prev.filter((a) => a.action !== 'publish').map((a) => (a.action === 'duplicate' ? withoutReview(a) : a)),
  ];
}

export const ReviewStateBadge: DocumentBadgeComponent = (props) => {
  if (!isHealthType(props.type)) return null;
  const status = reviewStatus({ draft: props.draft, published: props.published });
  if (status.state === 'published' && !props.draft) return null; // Sanity shows 已发布 itself
  const color = status.state === 'approved' ? 'success' : status.state === 'inReview' ? 'warning' : undefined;
  return {
    label: status.stale ? `${STATE_LABEL.inReview}（审核后有修改）` : STATE_LABEL[status.state],
    title: status.approval
      ? `${status.approval.reviewer}（${status.approval.reviewerTitle}）${status.approval.approvedAt} 审核通过`
      : undefined,
    color,
  };
};
ReviewStateBadge.displayName = 'ReviewStateBadge';

/** 复审已过期: an article past its next review date (the build's review report lists it too). */
export const OverdueBadge: DocumentBadgeComponent = (props) => {
  if (props.type !== 'article') return null;
  const doc = (props.draft ?? props.published) as { nextReviewDue?: string } | null;
  const days = daysOverdue(doc?.nextReviewDue, todayInChina());
  if (days === 0) return null;
  return {
    label: `复审已过期 ${days} 天`,
    title: `下次复审日期 ${doc?.nextReviewDue} 已过：请医生复审并更新审核日期`,
    color: 'danger',
  };
};
OverdueBadge.displayName = 'OverdueBadge';
