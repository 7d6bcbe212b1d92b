/** Placeholder until this screen is built. */
export function Admin() {
  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title">Admin</h1>
      <p>Not built yet.</p>
    </section>
  )
}
