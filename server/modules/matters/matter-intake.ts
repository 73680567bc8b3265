import { AppError } from '../../../common/app-error';
import { significantPrefix } from '../../../common/domain/division-code';
import type { PublishedType } from '../../../common/domain/catalogue';
import { initialState, type FlowState, type Level } from '../../../common/domain/matter-flow';
import { orgCode } from '../../../common/domain/organisations';
import { normalisePhone } from '../../../common/domain/phone';
import { toWgs84 } from '../../../common/geo/crs';
import type { IntakeInput } from '../../../common/schemas/matters';
import type { Database } from '../../db/client';
import type { MatterRow } from '../../db/tables';
import { dayOf, type Clock } from '../../lib/clock';
import { newId, randomBytesPooled } from '../../lib/ids';
import { inScope } from '../access/access.policy';
import type { Actor } from '../access/actor';
import { organisationsRepo } from '../organisations/organisations.repo';
import type { CertificationService } from '../staff/certification.service';
import { staffRepo } from '../staff/staff.repo';
import type { DivisionTree } from '../territory/division-tree';
import { divisionsRepo } from '../territory/divisions.repo';
import type { GridRegistry } from '../territory/grid-registry';
import { gridsRepo } from '../territory/grids.repo';
import { eventActor, eventRow, flowColumns, type EventActor } from './matter-events';
import { periodJobs, periodOf } from './matter-deadlines';
import type { MatterNumbers } from './matter-numbers';
import type { MatterWriter } from './matter-writer';
import { mattersRepo } from './matters.repo';
import type { CalendarLookup, CatalogueLookup } from './matters.ports';

export interface IntakeDeps {
  db: Database;
  clock: Clock;
  tree: DivisionTree;
  registry: GridRegistry;
  catalogue: CatalogueLookup;
  calendars: CalendarLookup;
  certification: Pick<CertificationService, 'eligibility'>;
  numbers: MatterNumbers;
  writer: MatterWriter;
}

const TRACK_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
/** 12 characters, about 59 bits: unguessable, and short enough to read out on the phone. */
export function newTrackingCode(): string {
  // Bytes of 248 and above are skipped, so that every character is equally likely (248 = 8 × 31).
  const fair = 256 - (256 % TRACK_ALPHABET.length);
  let code = '';
  while (code.length < 12) for (const b of randomBytesPooled(16)) if (b < fair && code.length < 12) code += TRACK_ALPHABET[b % TRACK_ALPHABET.length];
  return code;
}

export interface Place {
  countyCode: string;
  townshipCode: string | null;
  divisionCode: string;
  gridId: string | null;
  microGridId: string | null;
  gridCode: string | null;
  lng: number | null;
  lat: number | null;
  /** The level that takes it first: the community when a grid holds the point, else its street or county. */
  level: Level;
  note: string | null;
}

/** Where a matter lies, by the one grid registry (Art. 9): by point, by grid code or by division. */
export async function placeOf(deps: Pick<IntakeDeps, 'db' | 'tree' | 'registry'>, input: Pick<IntakeInput, 'location' | 'gridCode' | 'divisionCode'>): Promise<Place> {
  const { tree } = deps;
  if (input.location) {
    const { lng, lat, crs } = input.location;
    const [x, y] = crs === 'gcj02' ? toWgs84(lng, lat, 'gcj02') : [lng, lat];
    const hit = deps.registry.lookup(x, y);
    if (!hit.county) throw new AppError('invalid', '该位置不在黑河市范围内，无法受理；请核对定位或在地图上选点');
    const at = hit.grid && hit.community ? deps.registry.gridsAt(x, y) : undefined;
    if (at && hit.community) {
      return { countyCode: hit.county.code, townshipCode: hit.township?.code ?? null, divisionCode: hit.community.code, gridId: at.grid.id, microGridId: at.micro?.id ?? null, gridCode: at.grid.code, lng: x, lat: y, level: 'community', note: null };
    }
    // Outside every grid: the street (or, without one, the county) it falls in takes it, with a note.
    if (hit.township) return { countyCode: hit.county.code, townshipCode: hit.township.code, divisionCode: hit.township.code, gridId: null, microGridId: null, gridCode: null, lng: x, lat: y, level: 'street', note: `该位置不属于任何网格，由${hit.township.name}受理` };
    return { countyCode: hit.county.code, townshipCode: null, divisionCode: hit.county.code, gridId: null, microGridId: null, gridCode: null, lng: x, lat: y, level: 'county', note: `该位置不属于任何网格，由${hit.county.name}受理` };
  }
  if (input.gridCode) {
    const grid = await gridsRepo.byCode(deps.db, input.gridCode);
    if (!grid || grid.status !== 'active') throw new AppError('invalid', `没有编码为 ${input.gridCode} 的在用网格`);
    const g = grid.level === 'micro' && grid.parent_id ? await gridsRepo.byId(deps.db, grid.parent_id) : grid;
    return { countyCode: grid.county_code, townshipCode: grid.township_code, divisionCode: grid.division_code, gridId: g!.id, microGridId: grid.level === 'micro' ? grid.id : null, gridCode: g!.code, lng: null, lat: null, level: 'community', note: null };
  }
  const d = input.divisionCode ? tree.get(input.divisionCode) : undefined;
  if (!d || d.level === 'city') throw new AppError('invalid', '请指定事项所在的县（市、区）、街道（乡镇）或社区（村）');
  const county = tree.countyOf(d.code)!;
  const township = tree.townshipOf(d.code) ?? null;
  const level: Level = d.level === 'village' ? 'community' : d.level === 'township' ? 'street' : 'county';
  return { countyCode: county.code, townshipCode: township?.code ?? null, divisionCode: d.code, gridId: null, microGridId: null, gridCode: null, lng: null, lat: null, level, note: null };
}

/** The county's 公安 (for attacks on grid workers); the scenic area is policed by its host county's. */
async function policeOf(db: Database, countyCode: string) {
  const own = await organisationsRepo.byCode(db, orgCode(countyCode, 'ga'));
  if (own) return own;
  const host = await divisionsRepo.hostOf(db, countyCode);
  return host ? organisationsRepo.byCode(db, orgCode(host, 'ga')) : undefined;
}

export interface Reporter {
  source: MatterRow['source'];
  actor: EventActor;
  userId: string | null;
  staffId: string | null;
  name: string | null;
  phone: string | null;
  anonymous: boolean;
}

/**
 * Creates a matter: the place by the registry, the type from the county's published catalogue,
 * where it starts (on the spot, the community, or straight to 公安), its first deadline and its
 * first event. The same client key never creates a second matter, even sent twice at once.
 */
export async function createMatter(
  deps: IntakeDeps,
  reporter: Reporter,
  input: Pick<IntakeInput, 'clientKey' | 'typeCode' | 'description' | 'location' | 'gridCode' | 'divisionCode' | 'address' | 'resolvedOnSpot' | 'result'>,
  photos: { id: string; key: string; thumb_key: string; width: number; height: number; bytes: number; sha256: string; taken_lng: number | null; taken_lat: number | null }[],
  place: Place,
): Promise<{ matter: MatterRow; created: boolean; type: PublishedType }> {
  const { db, clock } = deps;
  // A repeated client key is found by the insert itself (nothing written, the first matter answered);
  // only a repeat whose type has left the catalogue since needs a look first.
  const again = async (q: Database = db) => {
    const existing = input.clientKey ? await mattersRepo.byClientKey(q, input.clientKey) : undefined;
    return existing && { matter: existing, created: false, type: await typeOf(deps, existing) };
  };
  const type = await deps.catalogue.publishedType(place.countyCode, input.typeCode);
  if (!type) {
    const existing = await again();
    if (existing) return existing;
    throw new AppError('invalid', `${deps.tree.get(place.countyCode)?.name ?? ''}已发布的事项清单中没有类型 ${input.typeCode}`);
  }
  let flow: FlowState;
  let directOrgId: string | null = null;
  if (input.resolvedOnSpot) {
    flow = initialState({ needsVerification: type.needsVerification, needsFeedback: type.needsFeedback, resolvedOnSpot: true, level: place.level });
  } else if (type.directToPolice) {
    const police = await policeOf(db, place.countyCode);
    if (!police) throw new AppError('invalid', '未找到本县公安机关，无法直接派遣，请联系县级网格化管理服务中心');
    directOrgId = police.id;
    flow = initialState({ needsVerification: type.needsVerification, needsFeedback: type.needsFeedback, directTo: { orgId: police.id, level: 'county' } });
  } else {
    flow = initialState({ needsVerification: type.needsVerification, needsFeedback: type.needsFeedback, level: place.level });
  }
  const now = clock.now();
  const day = dayOf(now);
  const calendar = await deps.calendars.calendarFor(place.countyCode);

  // Numbers come from a block this process reserved, so concurrent intakes don't queue behind the
  // county's counter row; an intake that then fails leaves a gap in the numbers.
  const seq = await deps.numbers.next(place.countyCode, day);
  const id = newId(now.getTime());
  const period = periodOf(flow, type, calendar, now, 0);
  const row = {
    id,
    number: `${place.countyCode.slice(0, 6)}${day.replace(/-/g, '')}${String(seq).padStart(5, '0')}`,
    tracking_code: newTrackingCode(),
    client_key: input.clientKey ?? null,
    source: reporter.source,
    county_code: place.countyCode,
    township_code: place.townshipCode,
    division_code: place.divisionCode,
    grid_id: place.gridId,
    micro_grid_id: place.microGridId,
    lng: place.lng,
    lat: place.lat,
    address: input.address ?? null,
    located_by: input.location ? input.location.source : input.address ? ('address' as const) : ('none' as const),
    location_note: place.note,
    catalogue_version_id: type.versionId,
    type_code: type.code,
    type_name: type.name,
    art14_kind: type.art14Kind,
    priority: type.directToPolice ? ('top' as const) : type.priority,
    description: input.description,
    reporter_user_id: reporter.userId,
    reporter_staff_id: reporter.staffId,
    reporter_name: reporter.anonymous ? null : reporter.name,
    reporter_phone: reporter.anonymous || !reporter.phone ? null : normalisePhone(reporter.phone),
    reporter_anonymous: reporter.anonymous,
    first_receiver_staff_id: reporter.staffId,
    ...flowColumns(flow),
    // The projection of the first event, written with the row.
    ...period,
    event_count: 1,
    ...(flow.state === 'closed' ? { closed_at: now } : {}),
    created_at: now,
    updated_at: now,
  };
  const event = eventRow(row, 1, {
    kind: input.resolvedOnSpot ? 'resolve_on_spot' : directOrgId ? 'report_direct' : 'report',
    before: null,
    after: flow,
    actor: reporter.actor,
    reason: input.resolvedOnSpot ? (input.result ?? null) : null,
    data: { typeCode: type.code, catalogueVersion: type.version, place: place.note, photos: photos.length, ...(directOrgId ? { orgId: directOrgId } : {}) },
    targetOrgId: directOrgId,
    period,
  }, now);
  const item = { row, jobs: periodJobs(id, period), event };
  const write = async (tx: Database) => {
    const inserted = tx === db ? await deps.writer.write(item) : (await mattersRepo.insertNew(tx, [item]))[0];
    if (!inserted) {
      // The client key was used already (a retry, or a race a moment ago): that matter is the answer.
      deps.numbers.giveBack(place.countyCode, day, seq);
      return (await again(tx))!;
    }
    if (photos.length > 0) {
      if ((await mattersRepo.useUploads(tx, photos.map((p) => p.id), id)) !== photos.length) throw new AppError('conflict', '照片已用于其他事项，请重新上传');
      await mattersRepo.insertPhotos(
        tx,
        photos.map((p) => ({ id: newId(now.getTime()), matter_id: id, event_seq: 1, key: p.key, thumb_key: p.thumb_key, width: p.width, height: p.height, bytes: p.bytes, sha256: p.sha256, taken_lng: p.taken_lng, taken_lat: p.taken_lat, uploaded_by: reporter.userId, at: now })),
      );
    }
    return { matter: inserted as MatterRow, created: true, type };
  };
  // Without photos the one statement (shared with other reports arriving at once) is the whole write;
  // with them, it and the photos commit together.
  if (photos.length === 0) return write(db);
  try {
    return await db.transaction().execute(write);
  } catch (e) {
    deps.numbers.giveBack(place.countyCode, day, seq);
    throw e;
  }
}

/** The catalogue type a matter was handled under (its recorded version). */
export async function typeOf(deps: Pick<IntakeDeps, 'catalogue'>, m: Pick<MatterRow, 'catalogue_version_id' | 'type_code'>): Promise<PublishedType> {
  const t = await deps.catalogue.typeAtVersion(m.catalogue_version_id, m.type_code);
  if (!t) throw new AppError('conflict', `事项清单版本 ${m.catalogue_version_id} 中没有类型 ${m.type_code}`);
  return t;
}

/** Who reports, from the signed-in user: a certified grid worker of the place's grid, a department, a centre or the hotline. */
export async function reporterFor(deps: Pick<IntakeDeps, 'db' | 'clock' | 'certification'>, user: Actor, input: Pick<IntakeInput, 'source' | 'reporter' | 'resolvedOnSpot'>, place: Place): Promise<Reporter> {
  const day = dayOf(deps.clock.now());
  if (user.role === 'grid_worker' || user.role === 'grid_head') {
    const staff = await staffRepo.byUserId(deps.db, user.id);
    if (!staff) throw new AppError('forbidden', '您的账号没有关联网格人员档案，不能上报事项');
    const e = await deps.certification.eligibility(staff.id, day);
    if (!e.ok) throw new AppError('forbidden', e.reason);
    const serving = await staffRepo.assignmentsOf(deps.db, [staff.id], day);
    if (!place.gridId || !serving.some((a) => a.grid_id === place.gridId || a.grid_id === place.microGridId)) throw new AppError('forbidden', '该位置不在您任职的网格内，请核对定位，或交由所在网格上报');
    return { source: 'worker', actor: eventActor('worker', user, staff.name, place.divisionCode), userId: user.id, staffId: staff.id, name: staff.name, phone: null, anonymous: false };
  }
  if (input.resolvedOnSpot) throw new AppError('forbidden', '就地解决由网格员在现场登记');
  const officials = ['department', 'city_centre', 'county_centre', 'street_centre', 'community_station'];
  if (!officials.includes(user.role)) throw new AppError('forbidden', '当前角色不能登记事项');
  // A centre registers matters of its own area; a department or unit those of its county (a city-level one, anywhere).
  if (user.role === 'department') {
    const org = user.orgId ? await organisationsRepo.byId(deps.db, user.orgId) : undefined;
    if (!org) throw new AppError('forbidden', '您的账号没有所属单位，不能登记事项');
    if (significantPrefix(org.division_code).length > 4 && org.division_code !== place.countyCode) throw new AppError('forbidden', `该位置不在${org.name}的管辖范围内`);
  } else if (!inScope(user, place.divisionCode)) {
    throw new AppError('forbidden', '该位置不在您的管辖范围内');
  }
  const source = input.source === 'hotline' ? 'hotline' : 'department';
  const kind = user.role === 'department' ? 'unit' : 'centre';
  return {
    source,
    actor: eventActor(kind, user, user.displayName, place.divisionCode),
    userId: user.id,
    staffId: null,
    name: input.reporter?.name ?? null,
    phone: input.reporter?.phone ?? null,
    anonymous: input.reporter?.anonymous ?? !input.reporter?.phone,
  };
}
