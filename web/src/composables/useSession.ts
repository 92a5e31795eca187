// Who is logged in, shared by the whole app (one module-level state).
import { computed, shallowRef } from 'vue';
import { api } from '../api/hub.api';
import { ApiError } from '../api/http';
import type { Role, Session } from '../api/types';

const session = shallowRef<Session | null>(null);
const checked = shallowRef(false);
// Whether this browser logged in before: without it the app shows the login form at once instead of asking
// GET /api/session, whose 401 the browser would print as a console error.
const HINT = 'onesurvey.loggedIn';
const remember = (on: boolean) => (on ? localStorage.setItem(HINT, '1') : localStorage.removeItem(HINT));

export function useSession() {
  const has = (role: Role) => !!session.value && (session.value.roles.includes(role) || session.value.roles.includes('admin'));
  return {
    session,
    checked,
    has,
    isSurveyor: computed(() => has('surveyor')),
    async restore() {
      try {
        if (localStorage.getItem(HINT)) session.value = await api.session();
      } catch (err) {
        if (!(err instanceof ApiError && err.status === 401)) throw err;
        remember(false);
        session.value = null;
      } finally {
        checked.value = true;
      }
    },
    async logIn(username: string, password: string) {
      await api.logIn(username, password);
      session.value = await api.session();
      remember(true);
    },
    async logOut() {
      await api.logOut().catch(() => undefined);
      remember(false);
      session.value = null;
    },
  };
}
