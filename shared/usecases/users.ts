import { Forbidden, ValidationFailed } from '../domain/errors.ts';
import type { Caller } from '../domain/roles.ts';
import { byRoleAreaEmail, type User } from '../domain/users.ts';
import type { AreaStore, UserDirectory } from '../ports.ts';
import type { NewUserBody } from '../schemas/users.ts';
import { found } from './support.ts';

export interface UserPorts {
  directory: UserDirectory;
  areas: Pick<AreaStore, 'get'>;
}

const NO_SUCH_USER = 'Användaren finns inte.';

/** Head office's administration of who may sign in: invite, list, disable, enable. */
export const makeUsers = ({ directory, areas }: UserPorts) => ({
  list: async (): Promise<User[]> => (await directory.list()).sort(byRoleAreaEmail),

  /** A coordinator's area must exist: a token naming an unknown area would open nothing. */
  invite: async (body: NewUserBody): Promise<User> => {
    if (body.areaId !== undefined && !(await areas.get(body.areaId))) {
      throw new ValidationFailed([{ path: 'areaId', message: 'Området finns inte. Lägg upp det först.' }]);
    }
    return directory.invite(body);
  },

  /** Nobody locks themselves out: the last administrator could otherwise leave the service without one. */
  disable: async (caller: Caller, id: string): Promise<User> => {
    if (id === caller.sub) throw new Forbidden('Du kan inte stänga av ditt eget konto.');
    return found(directory.setEnabled(id, false), NO_SUCH_USER);
  },

  enable: (id: string): Promise<User> => found(directory.setEnabled(id, true), NO_SUCH_USER),
});

export type Users = ReturnType<typeof makeUsers>;
