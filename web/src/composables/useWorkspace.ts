// What the workspace shows: the open parcel and result, the active tool tab, whether a map tool has the clicks, and a
// returned result being corrected (the upload form takes it over).
import { shallowRef } from 'vue';
import type { ResultListItem } from '../api/types';

export type Tab = 'find' | 'upload' | 'mine' | 'review' | 'compare';

const selectedParcel = shallowRef<string | null>(null);
/** One result opened from a timeline row or a list (its metadata, geometry, 界址点 and downloads). */
const selectedResult = shallowRef<string | null>(null);
const tab = shallowRef<Tab>('find');
const mapToolActive = shallowRef(false);
/** The result a correction will supersede, chosen in 我的成果 (the upload form pre-fills from it). */
const correction = shallowRef<ResultListItem | null>(null);

export function useWorkspace() {
  return {
    selectedParcel,
    selectedResult,
    tab,
    mapToolActive,
    correction,
    openParcel(code: string) {
      selectedParcel.value = code;
      selectedResult.value = null;
      tab.value = 'find';
    },
    openResult(id: string, parcelCode: string) {
      selectedParcel.value = parcelCode;
      selectedResult.value = id;
      tab.value = 'find';
    },
    /** Opens the upload form for a correction of `returned` (same parcel, stage and kind; supersedes it). */
    correct(returned: ResultListItem) {
      correction.value = returned;
      tab.value = 'upload';
    },
  };
}
