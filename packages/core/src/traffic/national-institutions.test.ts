import { describe, expect, it } from 'vitest'
import {
  institutionName,
  NATIONAL_INSTITUTIONS,
  nationalInstitution,
} from './national-institutions'

describe('national institutions', () => {
  const members = new Map([['143014', '葉山町']])
  it.each([
    ['143014', '葉山町'],
    ['JPS', '日本年金機構'],
    ['MHLW', '厚生労働省'],
    ['NTA', '国税庁'],
    ['JASSO', '日本学生支援機構'],
    ['moj', '法務省'],
    ['XYZ', 'XYZ（その他の機関）'],
    ['143219', '143219（その他の機関）'],
  ])('%s → %s', (id, name) => expect(institutionName(id, members)).toBe(name))

  it('every id used by the sample logs is named', () => {
    for (const id of ['MHLW', 'JPS', 'NTA', 'JASSO']) expect(nationalInstitution(id)).toBeDefined()
  })

  it('ids are unique and every entry has a Japanese name and role', () => {
    const ids = NATIONAL_INSTITUTIONS.map((i) => i.id.toUpperCase())
    expect(new Set(ids).size).toBe(ids.length)
    for (const i of NATIONAL_INSTITUTIONS) {
      expect(i.name).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/)
      expect(i.role.length).toBeGreaterThan(0)
    }
  })
})
