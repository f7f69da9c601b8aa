'use client';

import { useTranslations } from 'next-intl';
import { kubectlForId } from '@/lib/kubectl';
import { parseNodeId } from '@/lib/wire/kinds';
import { useObject } from '../data/hooks';
import { CopyCommands } from '../ui/CopyCommands';
import { EventsPanel } from '../ui/EventsPanel';
import { ErrorPanel, Loading } from '../ui/States';

/**
 * The claim, volume or class selected in the storage view: its events (a claim's provisioning,
 * binding and resizing as the provisioner reports them) and the kubectl commands.
 */
export function SelectedObject({ id }: { id: string }) {
  const ref = parseNodeId(id);
  const { data, error, isPending } = useObject(ref ? id : null);
  const t = useTranslations();
  if (!ref) return null;
  const what = `${ref.kind} ${ref.namespace ? `${ref.namespace}/` : ''}${ref.name}`;
  return (
    <div className="selected-object" data-node-id={id}>
      {isPending ? (
        <Loading what={what} />
      ) : error || !data ? (
        <ErrorPanel error={error} title={t('states.cannotShow', { what })} />
      ) : (
        <EventsPanel events={data.events} heading={t('events.of', { what })} id="sel-ev-h" />
      )}
      <CopyCommands commands={kubectlForId(id)} folded />
    </div>
  );
}
