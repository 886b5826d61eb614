import { INSTAGRAM_SOCIAL } from "../../testing/social-apps";
import { followSuite } from "./follow-suite";

followSuite(INSTAGRAM_SOCIAL);
