import type { AppEnv } from "../env";
import type { Messages } from "./i18n/messages";

/** The dashboard's context: the API's (db, workspace) plus what its pages need. */
export interface WebEnv {
  Bindings: AppEnv["Bindings"];
  Variables: AppEnv["Variables"] & {
    /** The value every form of this session carries (session/csrf.ts). */
    csrf: string;
    /** The texts in the browser's language. */
    t: Messages;
  };
}
