import { INSTAGRAM_SOCIAL } from "../../testing/social-apps";
import { commentSuite } from "./comment-suite";

commentSuite(INSTAGRAM_SOCIAL);
