/**
 * 审核记录: a document's review history, as its reviewEvent records hold it (who, when, what, comment, which
 * fields changed since the last approval), newest first, updated live. Shown as a tab beside the form.
 */
import { chinaDateTime } from '@hc/domain/time.ts';
import { Box, Card, Stack, Text } from '@sanity/ui';
import { useEffect, useState } from 'react';
import { useClient } from 'sanity';
import { ACTION_LABEL, type ReviewEvent } from './rules.ts';

const QUERY = '*[_type == "reviewEvent" && document == $id] | order(at desc) { _id, action, by, at, comment, changed }';

const when = chinaDateTime;

export function ReviewHistoryView({ documentId }: { documentId: string }) {
  const client = useClient({ apiVersion: '2025-02-19' });
  const id = documentId.replace(/^drafts\./, '');
  const [events, setEvents] = useState<ReviewEvent[] | undefined>();
  useEffect(() => {
    let live = true;
    const load = () =>
      client
        .fetch<ReviewEvent[]>(QUERY, { id })
        .then((e) => live && setEvents(e))
        .catch(() => live && setEvents([]));
    void load();
    const sub = client
      .listen(QUERY, { id }, { visibility: 'query', events: ['mutation'] })
      .subscribe(() => void load());
    return () => {
      live = false;
      sub.unsubscribe();
    };
  }, [client, id]);
  if (!events)
    return (
      <Box padding={4}>
        <Text>正在读取审核记录……</Text>
      </Box>
    );
  if (events.length === 0)
    return (
      <Box padding={4}>
        <Text>还没有审核记录。写好后点“提交审核”，每一步（提交、批准、退回、发布）都会记在这里，不能修改。</Text>
      </Box>
    );
  return (
    <Stack padding={4} gap={3}>
      {events.map((e) => (
        <Card key={e._id} padding={3} radius={2} border>
          <Stack gap={2}>
            <Text weight="semibold">
              {ACTION_LABEL[e.action] ?? e.action} · {e.by}
            </Text>
            <Text size={1} muted>
              {when(e.at)}
            </Text>
            {e.comment && <Text size={1}>意见：{e.comment}</Text>}
            {e.changed && e.changed.length > 0 && <Text size={1}>和上次批准相比改了：{e.changed.join('、')}</Text>}
          </Stack>
        </Card>
      ))}
    </Stack>
  );
}
