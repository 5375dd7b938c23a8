/**
 * 기준정보 (seed 003's 기준정보관리): the product catalogue with each product's 우선순위 list, and the
 * sales channels with each one's cancellation file format. Edits are offered only to a role that may
 * manage the catalogue (the session's can.manageCatalogue); everyone who reads views may look.
 */
import type { ScreenProps } from './screens';
import { useState } from 'react';
import { MasterChannels } from './MasterChannels';
import { MasterProducts } from './MasterProducts';
import './master.css';

const TABS = [
  ['products', '상품'],
  ['channels', '판매처'],
] as const;
type Tab = (typeof TABS)[number][0];

export const MasterData = ({ can }: ScreenProps) => {
  const [tab, setTab] = useState<Tab>('products');
  const canEdit = can.manageCatalogue === true;
  return (
    <div className="view master">
      <div className="master-tabs" role="tablist" aria-label="기준정보">
        {TABS.map(([id, label]) => (
          <button key={id} type="button" role="tab" id={`master-tab-${id}`} aria-selected={tab === id} aria-controls={`master-${id}`} onClick={() => setTab(id)}>{label}</button>
        ))}
      </div>
      <div role="tabpanel" id={`master-${tab}`} aria-labelledby={`master-tab-${tab}`}>
        {tab === 'products' ? <MasterProducts canEdit={canEdit} /> : <MasterChannels canEdit={canEdit} />}
      </div>
    </div>
  );
};
