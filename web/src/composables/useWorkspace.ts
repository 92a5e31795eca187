// What the workspace shows: the open parcel, the active tool tab, whether a map tool has the clicks.
import { shallowRef } from 'vue';

export type Tab = 'find' | 'upload' | 'review' | 'compare';

const selectedParcel = shallowRef<string | null>(null);
const tab = shallowRef<Tab>('find');
const mapToolActive = shallowRef(false);

export function useWorkspace() {
  return {
    selectedParcel,
    tab,
    mapToolActive,
    openParcel(code: string) {
      selectedParcel.value = code;
      tab.value = 'find';
    },
  };
}
