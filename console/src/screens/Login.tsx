import { useState, type FormEvent } from 'react'
import { api, data } from '../api/client'
import { session } from '../session'
import { ErrorNote } from '../ui/ErrorNote'
import { Field, formValues } from '../ui/Field'

/** Sign in with the same account as the API; the console keeps the tokens for this tab only. */
export function Login() {
  const [error, setError] = useState<unknown>(null)
  const [busy, setBusy] = useState(false)
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    const { email = '', password = '' } = formValues(event.currentTarget)
    setBusy(true)
    setError(null)
    try {
      session.start(data(await api.POST('/api/v1/auth/login', { body: { email, password } })))
    } catch (caught) {
      setError(caught)
    } finally {
      setBusy(false)
    }
  }
  return (
    <main id="main" className="login">
      <h1>Reservoir console</h1>
      <form onSubmit={(e) => void submit(e)} aria-describedby="login-intro">
        <p id="login-intro">Sign in with your staff account.</p>
        <Field label="Email" name="email" type="email" autoComplete="username" required maxLength={254} />
        <Field label="Password" name="password" type="password" autoComplete="current-password" required maxLength={200} />
        <ErrorNote error={error} />
        <button type="submit" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </main>
  )
}
