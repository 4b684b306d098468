/**
 * The desk, the way a health centre works: content by audience, events upcoming and past, articles due for
 * review, families still waiting for consent, then every type, and the one site-settings document.
 */
import { CalendarIcon } from '@sanity/icons/Calendar';
import { CheckmarkCircleIcon } from '@sanity/icons/CheckmarkCircle';
import { ClockIcon } from '@sanity/icons/Clock';
import { CogIcon } from '@sanity/icons/Cog';
import { HomeIcon } from '@sanity/icons/Home';
import { UserIcon } from '@sanity/icons/User';
import { UsersIcon } from '@sanity/icons/Users';
import { WarningOutlineIcon } from '@sanity/icons/WarningOutline';
import { DocumentsIcon } from '@sanity/icons/Documents';
import type { StructureResolver } from 'sanity/structure';
import { addDays, localDate } from '@hc/domain/time.ts';

/** Today as YYYY-MM-DD in the community's time zone (event times are local wall-clock strings, compared as text). */
export const todayInChina = (now = new Date()): string => localDate(now);

/** Articles and self-checks whose next review is due within this many days show under 复审到期. */
export const REVIEW_WARNING_DAYS = 60;

export const QUERIES = {
  byAudience: '_type in ["article", "event", "family", "quiz", "healthDay"] && references($id)',
  upcoming: '_type == "event" && (end >= $today || defined(rrule))',
  past: '_type == "event" && end < $today && !defined(rrule)',
  dueForReview: '_type in ["article", "quiz"] && nextReviewDue <= $soon',
  // Drafts a reviewer has to look at: submitted (a draft edited after submission shows 已修改，待重新提交 instead).
  inMedicalReview:
    '(_type in ["article", "quiz"] || (_type in ["event", "family"] && healthAdvice == true)) && _id in path("drafts.**") && review.status == "inReview"',
  awaitingConsent: '_type == "family" && (!defined(consent.recordedAt) || !defined(consent.by))',
};

export const structure: StructureResolver = (S) => {
  const today = todayInChina();
  return S.list()
    .title('内容')
    .items([
      S.listItem()
        .title('按人群')
        .icon(UsersIcon)
        .child(
          S.documentTypeList('audience')
            .title('按人群')
            .child((id) => S.documentList().title('这一人群的内容').filter(QUERIES.byAudience).params({ id })),
        ),
      S.listItem()
        .title('活动')
        .icon(CalendarIcon)
        .child(
          S.list()
            .title('活动')
            .items([
              S.listItem()
                .title('即将举行')
                .child(
                  S.documentList()
                    .title('即将举行')
                    .schemaType('event')
                    .filter(QUERIES.upcoming)
                    .params({ today })
                    .defaultOrdering([{ field: 'start', direction: 'asc' }]),
                ),
              S.listItem()
                .title('已结束')
                .child(
                  S.documentList()
                    .title('已结束')
                    .schemaType('event')
                    .filter(QUERIES.past)
                    .params({ today })
                    .defaultOrdering([{ field: 'start', direction: 'desc' }]),
                ),
              S.documentTypeListItem('event').title('全部活动'),
            ]),
        ),
      S.listItem()
        .title('复审到期')
        .icon(ClockIcon)
        .child(
          S.documentList()
            .title(`下次复审在 ${REVIEW_WARNING_DAYS} 天内或已过期`)
            .filter(QUERIES.dueForReview)
            .params({ soon: addDays(today, REVIEW_WARNING_DAYS) })
            .defaultOrdering([{ field: 'nextReviewDue', direction: 'asc' }]),
        ),
      S.listItem()
        .title('待医学审核')
        .icon(CheckmarkCircleIcon)
        .child(
          S.documentList()
            .title('已提交、等待医生审核')
            .filter(QUERIES.inMedicalReview)
            .defaultOrdering([{ field: '_updatedAt', direction: 'asc' }]),
        ),
      S.listItem()
        .title('待家庭同意')
        .icon(WarningOutlineIcon)
        .child(S.documentList().title('还没有记录同意的家庭').schemaType('family').filter(QUERIES.awaitingConsent)),
      S.divider(),
      S.documentTypeListItem('article').title('科普文章'),
      S.documentTypeListItem('event').title('活动'),
      S.documentTypeListItem('family').title('健康家庭').icon(HomeIcon),
      S.documentTypeListItem('quiz').title('自测'),
      S.documentTypeListItem('healthDay').title('健康宣传日'),
      S.documentTypeListItem('audience').title('人群'),
      S.documentTypeListItem('topic').title('主题'),
      S.documentTypeListItem('source').title('参考来源'),
      S.documentTypeListItem('reviewerProfile').title('审核人').icon(UserIcon),
      S.listItem()
        .title('审核记录')
        .icon(DocumentsIcon)
        .child(
          S.documentTypeList('reviewEvent')
            .title('审核记录（最新在前）')
            .defaultOrdering([{ field: 'at', direction: 'desc' }]),
        ),
      S.divider(),
      S.listItem()
        .title('网站设置')
        .icon(CogIcon)
        .child(S.document().schemaType('siteSettings').documentId('siteSettings')),
    ]);
};
