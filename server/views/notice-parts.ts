import { staffRoleLabels } from '../../common/domain/staff';
import type { Notice, NoticeGroup, Phone } from '../modules/notices/notices.presenter';
import { html, type SafeHtml } from './escape';

/** 12345, the citizens' service hotline every county publishes beside its own complaint number. */
export const CITIZEN_HOTLINE = { phone: '12345', name: '政务服务便民热线' };

export function tel(phone: string): SafeHtml {
  return html`<a class="tel" href="tel:${phone.replace(/[^\d+]/g, '')}">${phone}</a>`;
}

export function placeLine(n: { county: { name: string } | null; township: { name: string } | null; community: { name: string } | null }): string {
  return ['黑河市', n.county?.name, n.township?.name, n.community?.name].filter(Boolean).join(' · ');
}

export function areaText(m2: number): string {
  if (m2 < 100_000) return `约 ${Math.max(10, Math.round(m2 / 10) * 10)} 平方米`;
  return `约 ${(m2 / 1_000_000).toFixed(2)} 平方公里`;
}

/** "暂未配备" with whom to call instead: the community station, by its duty phone when it has one. */
export function vacancyText(station: Phone | null): SafeHtml {
  const name = station?.name ?? '社区（村）网格化管理服务站';
  return html`暂未配备，请联系${name}${station?.phone ? html`（值班电话 ${tel(station.phone)}）` : ''}`;
}

/** The groups in the order a reader of this grid looks for them: an exclusive grid's own worker first. */
export function orderedGroups(n: Notice): NoticeGroup[] {
  if (n.kind !== 'exclusive') return n.groups;
  return [...n.groups.filter((g) => g.role === 'exclusive'), ...n.groups.filter((g) => g.role !== 'exclusive')];
}

/** The notice's lines that say which required posts are vacant (Art. 11). */
export function missingLines(n: Notice): SafeHtml[] {
  return n.missing.map((r) => html`<div class="vacant"><b>${staffRoleLabels[r]}</b>：${vacancyText(n.station)}</div>`);
}

/** The phones to call with a complaint or to report: the county centre's, 12345, and the station's duty phone. */
export function hotlineLines(n: { hotline: Phone | null; station: Phone | null }): SafeHtml[] {
  return [
    n.hotline?.phone ? html`<div class="line"><span class="k">监督举报电话</span> ${tel(n.hotline.phone)} <span class="who">${n.hotline.name}</span></div>` : '',
    html`<div class="line"><span class="k">${CITIZEN_HOTLINE.name}</span> ${tel(CITIZEN_HOTLINE.phone)}</div>`,
    n.station?.phone ? html`<div class="line"><span class="k">社区（村）值班电话</span> ${tel(n.station.phone)} <span class="who">${n.station.name}</span></div>` : '',
  ].filter((x): x is SafeHtml => x !== '');
}
