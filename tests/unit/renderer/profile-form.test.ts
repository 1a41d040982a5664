import { describe, expect, it } from 'vitest'
import {
  formChanged,
  formFromProfile,
  readProfileForm,
} from '../../../src/renderer/src/core/profile-form'
import { defaultLocalProfile, profileTemplate } from '../../../src/shared/profile'

describe('profile form', () => {
  it('shows milliseconds as seconds and bytes as MB, and reads them back exactly', () => {
    const form = formFromProfile({ ...defaultLocalProfile(), maxUploadBytes: 5_000_000 })
    expect(form).toMatchObject({
      urls: 'http://localhost:9001',
      requestTimeoutS: '120',
      connectTimeoutS: '10',
      maxUploadMb: '5',
    })
    const { fields, errors } = readProfileForm({ ...form, requestTimeoutS: '1.5' })
    expect(errors).toEqual({})
    expect(fields).toMatchObject({ requestTimeoutMs: 1500, maxUploadBytes: 5_000_000 })
  })

  it('reads one URL per line, ignoring blank lines, and names the bad line', () => {
    const form = formFromProfile(defaultLocalProfile())
    expect(
      readProfileForm({ ...form, urls: 'http://a:1\n\n http://b:2 ' }).fields?.baseUrls,
    ).toEqual(['http://a:1', 'http://b:2'])
    expect(readProfileForm({ ...form, urls: 'http://a:1\nftp://b' }).errors.urls).toBe(
      'Line 2: Enter the server’s full address, starting with http:// or https://',
    )
    expect(readProfileForm({ ...form, urls: 'http://a:1/?api_key=x' }).errors.urls).toBe(
      'Put the API key in the key field, not in the URL',
    )
    expect(readProfileForm({ ...form, urls: '  ' }).errors.urls).toBe('Enter the server’s address')
  })

  it('gives each number its range in the units the user typed', () => {
    const form = formFromProfile(defaultLocalProfile())
    const { fields, errors } = readProfileForm({
      ...form,
      concurrency: '2.5',
      connectTimeoutS: '0.1',
      maxUploadSide: '',
      name: ' ',
    })
    expect(fields).toBeNull()
    expect(errors).toEqual({
      concurrency: 'Enter a whole number',
      connectTimeoutS: 'Between 0.5 s and 120 s',
      maxUploadSide: 'Enter a number',
      name: 'Give the profile a name',
    })
  })

  it('fills a template whose URL is still to be completed', () => {
    const form = formFromProfile(profileTemplate('dedicated'))
    expect(form).toMatchObject({ urls: 'https://', kind: 'dedicated', requestTimeoutS: '120' })
    expect(formChanged(form, { ...form })).toBe(false)
    expect(formChanged(form, { ...form, name: 'x' })).toBe(true)
  })
})
