import { describe, expect, it } from 'vitest'
import { deliveryError, insertAt, MACROS, postbackURLProblem, serverURLProblem, unknownMacros } from './macros'

describe('MACROS', () => {
  it('are the server’s macros (internal/notify.Macros), each once', () => {
    expect([...MACROS].sort()).toEqual(
      [
        'click_id', 'conversion_id', 'transaction_id', 'status', 'goal', 'payout', 'currency',
        'offer_id', 'flow_id', 'sub1', 'sub2', 'sub3', 'sub4', 'sub5',
        'utm_source', 'utm_medium', 'utm_campaign', 'utm_content', 'utm_term',
        'site', 'country', 'click_time', 'conversion_time',
      ].sort(),
    )
  })
})

describe('postbackURLProblem (as notify.ValidateURL)', () => {
  it('accepts every macro in the path and the query, and an empty URL (none)', () => {
    expect(postbackURLProblem('')).toBeNull()
    expect(postbackURLProblem(`https://t.example/pb/{sub1}?${MACROS.map((m) => `${m}={${m}}`).join('&')}`)).toBeNull()
    expect(postbackURLProblem('http://127.0.0.1:9000/pb?s={status}#x{goal}')).toBeNull()
  })

  it('names unknown macros, each once', () => {
    expect(unknownMacros('https://t.example/?a={clickid}&b={click_id}&c={foo}&d={foo}')).toEqual(['{clickid}', '{foo}'])
    expect(postbackURLProblem('https://t.example/?a={clickid}')).toBe('{clickid} is not a macro. Pick one from “Insert macro”.')
    expect(postbackURLProblem('https://t.example/?a={clickid}&c={foo}')).toMatch(/^\{clickid\}, \{foo\} are not macros/)
  })

  it('refuses what the server refuses, in words', () => {
    expect(postbackURLProblem('ftp://t.example/')).toMatch(/http:\/\/ or https:\/\//)
    expect(postbackURLProblem('t.example/pb')).toMatch(/full URL/)
    expect(postbackURLProblem('https://{sub1}.example/pb')).toMatch(/never in the host/)
    expect(postbackURLProblem('https://t.example/pb?a={status')).toMatch(/brace/)
    expect(postbackURLProblem('https://t.example/p b')).toMatch(/spaces/)
    expect(postbackURLProblem(`https://t.example/?x=${'a'.repeat(2048)}`)).toMatch(/2048/)
  })
})

describe('insertAt', () => {
  it('inserts at the cursor, replaces a selection, appends without one', () => {
    expect(insertAt('https://t/?s=', '{sub1}', 13, 13)).toEqual({ value: 'https://t/?s={sub1}', cursor: 19 })
    expect(insertAt('a=X&b', '{goal}', 2, 3)).toEqual({ value: 'a={goal}&b', cursor: 8 })
    expect(insertAt('abc', '{x}', null, null)).toEqual({ value: 'abc{x}', cursor: 6 })
    expect(insertAt('abc', '{x}', 99, 120)).toEqual({ value: 'abc{x}', cursor: 6 })
  })
})

describe('errors in words', () => {
  it('turns the server’s refusal into a sentence naming the macros only', () => {
    expect(serverURLProblem('input: updateFlow unknown macro: {clickid}, {foo}')).toBe('The server refused {clickid}, {foo}: not macros.')
    expect(serverURLProblem('invalid postback URL: the scheme must be http or https')).toMatch(/http:\/\//)
    expect(serverURLProblem('ent: validator failed for field x')).not.toMatch(/ent|validator/)
  })

  it('says why a delivery failed', () => {
    expect(deliveryError('Get "http://169.254.169.254/": postback address not allowed: 169.254.169.254:80', null)).toMatch(/^Refused: the address is private/)
    expect(deliveryError('dial tcp 127.0.0.1:9: connect: connection refused', null)).toMatch(/connection refused/)
    expect(deliveryError('context deadline exceeded (Client.Timeout exceeded while awaiting headers)', null)).toMatch(/in time/)
    expect(deliveryError('HTTP 404 Not Found', 404)).toBe('Your tracker answered HTTP 404 (not found: check the path).')
    expect(deliveryError('HTTP 503 Service Unavailable', 503)).toMatch(/retries/)
    expect(deliveryError(null, 200)).toBeNull()
    expect(deliveryError('weird internal thing', null)).toBe('The call failed before your tracker answered.')
  })
})
