import { Hono } from "hono";
import type { AppEnv } from "../../env";
import { deleteMaterial } from "./delete";
import { importMaterial } from "./import";
import { listMaterialsRoute } from "./list";
import { readMaterial } from "./read";
import { updateMaterialRoute } from "./update";
import { materialUploadRoutes } from "./uploads";
import { uploadMaterial } from "./upload";

/** `/api/v1/materials`: the workspace's material library (docs/api.md "Material library"). */
export const materialRoutes = new Hono<AppEnv>()
  .route("/", listMaterialsRoute)
  .route("/", uploadMaterial)
  .route("/", importMaterial)
  // Before /:id, which would read "uploads" as a material id.
  .route("/", materialUploadRoutes)
  .route("/", readMaterial)
  .route("/", updateMaterialRoute)
  .route("/", deleteMaterial);
