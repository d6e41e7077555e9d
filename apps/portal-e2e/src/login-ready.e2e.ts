import { expect, test } from './fixtures';

test('the sign-in form takes no keystroke before its fields are bound, so none is wiped by their first write', async ({
  page,
}) => {
  // Every moment the email field is in the page, noted as it changes: could it take input, and was it bound yet?
  await page.addInitScript(() => {
    const moments: { takesInput: boolean; bound: boolean }[] = [];
    (window as unknown as { loginFieldMoments: typeof moments }).loginFieldMoments = moments;
    new MutationObserver(() => {
      const email = document.getElementById('login-email');
      if (email)
        moments.push({ takesInput: email.closest('[inert]') === null, bound: email.classList.contains('ng-pristine') });
    }).observe(document, { subtree: true, childList: true, attributes: true });
  });
  await page.goto('/login');
  const email = page.getByTestId('login-email');
  await expect(email).toHaveClass(/ng-pristine/);
  const moments = await page.evaluate(
    () => (window as unknown as { loginFieldMoments: { takesInput: boolean; bound: boolean }[] }).loginFieldMoments,
  );
  expect(moments.length).toBeGreaterThan(0);
  expect(moments.filter(({ takesInput, bound }) => takesInput && !bound)).toEqual([]);
  // …and once bound, it takes what is typed.
  await email.pressSequentially('nurse@riverside.test');
  await expect(email).toHaveValue('nurse@riverside.test');
});
