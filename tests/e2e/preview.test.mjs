// The same flows in the offline preview: no server, demo data held in the browser.
import { test } from "node:test";
import assert from "node:assert/strict";
import { marketplaceFlows } from "./flows.mjs";
import { startPreview, launchBrowser, shot, signIn, DEMO } from "./harness.mjs";

marketplaceFlows("preview", startPreview);

test("preview: shows the Offline preview badge and the demo sign-ins", async () => {
  const preview = await startPreview();
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage();
    await page.goto(`${preview.url}/signin`);
    await page.getByTestId("demo-signins").waitFor();
    assert.match(await page.getByTestId("offline-badge").textContent(), /Офлайн-просмотр|Offline preview/);
    await signIn(page, preview.url, DEMO.volga);
    assert.equal(await page.getByTestId("offline-badge").textContent(), "Офлайн-просмотр");
    await shot(page, "preview-badge-ru");
  } finally {
    await browser.close();
    preview.stop();
  }
});
