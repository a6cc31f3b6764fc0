// Ratings and reviews in the browser, in both languages: an owner reviews a
// module once its first charge is paid, the partner replies, another owner
// reports the review, a moderator hides it, and the card's average and count
// change; each screen audited by axe-core and kept as a screenshot.
import { test } from "node:test";
import assert from "node:assert/strict";
import { onFreshTarget, shot, signIn, switchLocale, cards, plain, DEMO } from "./harness.mjs";
import { moveTime } from "./billing.mjs";

const card = (page, code) => page.locator(`[data-testid=module-card][data-code="${code}"]`);

async function signOut(page, url) {
  await page.goto(`${url}/marketplace`);
  await page.getByTestId("sign-out").click();
  await page.getByTestId("sign-in").waitFor();
}

async function openReviews(page, url, code) {
  await page.goto(`${url}/marketplace/${code}`);
  await page.getByTestId("reviews").getByTestId("rating-bars").waitFor();
  await page.getByTestId("reviews").scrollIntoViewIfNeeded();
}

/** The card's average and count, as the grid shows them. */
async function cardRating(page, code) {
  const rating = card(page, code).getByTestId("rating");
  await rating.waitFor();
  return [plain(await rating.getByTestId("rating-average").textContent()), await rating.getByTestId("rating-count").getAttribute("data-count")];
}

export function reviewFlows(mode, start) {
  test(`${mode}: an owner reviews after paying, the partner replies, a report is hidden and the card changes (ru, en)`, () =>
    onFreshTarget(start, async (page, url, target) => {
      page.on("pageerror", (error) => assert.fail(`page error: ${error.message}`));
      // Markup is kept as typed and shown as text.
      const text = "Все чаты в одном окне, клиенты получают ответ за минуту. <b>Рекомендую</b>";

      // Volga is in Chatterbox's trial: the demo's four reviews, and why it cannot write one yet.
      await signIn(page, url, DEMO.volga);
      assert.deepEqual(await cardRating(page, "chatterbox"), ["4,0", "4"]);
      // By rating, a few reviews count for little: Zvonar's four (4.5) lead Chek's three (4.7).
      await page.getByTestId("sort").selectOption("rating");
      await page.waitForFunction(() => document.querySelector("[data-testid=module-card]")?.dataset.code === "zvonar-cloud-pbx");
      assert.equal(await cards(page).nth(1).getAttribute("data-code"), "chek-online");
      await page.getByTestId("high-rated-filter").check();
      await page.waitForFunction(() => document.querySelectorAll("[data-testid=module-card]").length === 4);
      const high = await cards(page).evaluateAll((all) => all.map((c) => c.dataset.code).sort());
      assert.deepEqual(high, ["chatterbox", "chek-online", "dashboard-plus", "zvonar-cloud-pbx"], "4.0 and up, three reviews or more");
      await shot(page, `${mode}-marketplace-by-rating-ru`);
      await page.getByTestId("high-rated-filter").uncheck();
      await openReviews(page, url, "chatterbox");
      const reviews = page.getByTestId("reviews");
      assert.equal(await reviews.getByTestId("review-row").count(), 4);
      assert.equal(await reviews.getByTestId("review-row").first().getAttribute("lang"), "ru", "the reader's language first");
      assert.ok(await page.getByTestId("review-write").isDisabled());
      assert.match(await page.getByTestId("review-why").textContent(), /после первого списания, \d\d\.\d\d\.\d{4}/);
      await shot(page, `${mode}-reviews-trial-ru`);
      await page.getByTestId("review-order-helpful").click();
      await page.waitForFunction(() => document.querySelector("[data-testid=review-row] .rv-author")?.textContent === "Ирина Белова");

      // The trial ends and the first charge is paid: now the review, from the keyboard.
      await page.keyboard.press("Escape");
      await moveTime(page, mode, target, 15);
      await openReviews(page, url, "chatterbox");
      await page.getByTestId("review-write").click();
      await page.getByTestId("review-send").click();
      assert.match(await page.getByTestId("error-review-text").textContent(), /не меньше 20/);
      await page.getByTestId("review-stars-4").focus();
      await page.keyboard.press("ArrowRight");
      assert.ok(await page.getByTestId("review-stars-5").isChecked(), "the arrow keys move between the stars");
      await page.getByTestId("review-text").fill(text);
      assert.equal(await page.getByTestId("review-counter").textContent(), `${text.length} / 2000`);
      await shot(page, `${mode}-review-form-ru`);
      await page.getByTestId("review-text").press("Tab");
      await page.getByTestId("review-send").press("Enter");
      await page.getByTestId("my-review").waitFor();
      assert.equal(await page.getByTestId("my-review").getByTestId("review-stars").getAttribute("data-stars"), "5");
      // Edited, it says so.
      await page.getByTestId("review-edit").click();
      await page.getByTestId("review-text").fill(`${text} Уже месяц.`);
      await page.getByTestId("review-send").click();
      const own = page.getByTestId("reviews").locator("[data-testid=review-row]", { hasText: "Уже месяц." });
      await own.getByTestId("review-edited").waitFor();
      assert.equal(await own.getByTestId("review-body").textContent(), `${text} Уже месяц.`);
      assert.equal(await own.locator("b").count(), 0, "the markup is not markup");
      await page.keyboard.press("Escape");
      assert.deepEqual(await cardRating(page, "chatterbox"), ["4,2", "5"], "(5 + 4 + 2 + 5 + 5) / 5");
      await signOut(page, url);

      // The partner replies, in English, from the cabinet.
      await signIn(page, url, DEMO.partner);
      await page.goto(`${url}/partner`);
      await switchLocale(page, "en");
      const mine = page.locator(`[data-testid=partner-module-reviews][data-code=chatterbox] [data-testid=review-row]`, { hasText: text });
      await mine.getByTestId("review-reply-open").click();
      await page.getByTestId("reply-text").fill("Thank you! Templates with order fields arrive in March.");
      await page.getByTestId("reply-send").click();
      await mine.getByTestId("review-reply").waitFor();
      await shot(page, `${mode}-partner-reviews-en`);
      await signOut(page, url);

      // Another owner reports the review.
      await signIn(page, url, DEMO.clinic);
      await switchLocale(page, "en");
      await openReviews(page, url, "chatterbox");
      const theirs = page.getByTestId("reviews").locator("[data-testid=review-row]", { hasText: text });
      assert.match(await theirs.getByTestId("review-reply").textContent(), /Templates with order fields/);
      // Helpful, once.
      await theirs.getByTestId("review-helpful").click();
      await page.waitForFunction(() => document.querySelector("[data-testid=review-helpful][aria-pressed=true]")?.disabled === true);
      assert.equal(await theirs.getByTestId("review-helpful").textContent(), "Helpful (1)");
      await theirs.getByTestId("review-report").click();
      await page.getByTestId("report-reason").selectOption("off_topic");
      await page.getByTestId("report-send").click();
      assert.match(await page.getByTestId("error-report-text").textContent(), /Say what is wrong/);
      await page.getByTestId("report-text").fill("An advertisement, not a review");
      await page.getByTestId("report-send").click();
      await page.getByTestId("report-sent").waitFor();
      await shot(page, `${mode}-review-reported-en`);
      await signOut(page, url);

      // The moderator hides it, saying why.
      await signIn(page, url, DEMO.moderator);
      await switchLocale(page, "ru");
      await page.goto(`${url}/moderation/reviews`);
      const report = page.getByTestId("report-row").first();
      await report.waitFor();
      assert.equal(await page.getByTestId("tab-reviews").locator(".tab-count").textContent(), "1");
      assert.match(await report.getByTestId("report-review").textContent(), /Все чаты в одном окне/);
      assert.match(await report.textContent(), /Отзыв о модуле «Говорун Чаты»/);
      await report.getByTestId("report-hide").click();
      assert.match(await page.getByTestId("error-decision-note").textContent(), /автор её прочитает/);
      await shot(page, `${mode}-review-reports-ru`);
      await report.getByTestId("decision-note").fill("Похоже на рекламу");
      await report.getByTestId("report-hide").click();
      await page.getByTestId("reports-empty").waitFor();
      await page.getByTestId("decision-row").first().waitFor();
      assert.match(await page.getByTestId("decision-row").first().textContent(), /Скрыт: moderator@souk\.demo.*Похоже на рекламу/);
      await shot(page, `${mode}-review-decisions-ru`);
      await signOut(page, url);

      // The card counts it no more; its author sees why.
      await signIn(page, url, DEMO.volga);
      assert.deepEqual(await cardRating(page, "chatterbox"), ["4,0", "4"]);
      await switchLocale(page, "en");
      await openReviews(page, url, "chatterbox");
      assert.match(await page.getByTestId("my-review-moderation").textContent(), /Hidden by a moderator.*Похоже на рекламу/);
      assert.equal(await page.getByTestId("reviews").locator("[data-testid=review-row]", { hasText: text }).count(), 0);
      await shot(page, `${mode}-review-hidden-en`);
    }));
}
