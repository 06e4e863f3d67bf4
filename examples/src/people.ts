import { makeIdNumber } from '@nyt2539/schema';
import { personName, surnameOf } from './names.js';
import type { Rng } from './random.js';

/** One member of a household (CBF_JTCY row material). */
export interface Person {
  readonly name: string;
  /** GB/T 2261.1 via C.17: 1 男, 2 女 */
  readonly sex: '1' | '2';
  readonly birth: Date;
  readonly id: string;
  /** GB/T 4761 two-digit relationship to the household head (02 = 户主) */
  readonly relation: string;
}

const SIZE_WEIGHTS = [0.08, 0.18, 0.25, 0.25, 0.14, 0.07, 0.03]; // 1..7 members

/**
 * Fictional but valid resident identity numbers: the county's own address code, a real birth date,
 * a sequence whose parity matches the sex, and the GB 11643 check character. `used` keeps them unique
 * across the whole county.
 */
export class IdFactory {
  /** birth date and sequence (digits 7–17) as a number: the address code is the same for everyone */
  private readonly used = new Set<number>();
  constructor(private readonly addressCode: string) {}

  make(rng: Rng, birth: Date, sex: '1' | '2'): string {
    const ymd = `${birth.getUTCFullYear()}${pad(birth.getUTCMonth() + 1, 2)}${pad(birth.getUTCDate(), 2)}`;
    for (;;) {
      const id = makeIdNumber(this.addressCode, ymd, rng.int(0, 999), sex);
      const key = Number(id.slice(6, 17));
      if (!this.used.has(key)) {
        this.used.add(key);
        return id;
      }
    }
  }
}

/** A household of 1–7 people around a head: spouse, children, a parent, grandchildren. */
export function makeHousehold(rng: Rng, ids: IdFactory, surveyYear: number): Person[] {
  const size = 1 + SIZE_WEIGHTS.indexOf(rng.weighted(SIZE_WEIGHTS, SIZE_WEIGHTS));
  const headSex: '1' | '2' = rng.chance(0.88) ? '1' : '2';
  const headAge = rng.int(size >= 5 ? 45 : 30, 78);
  const headName = personName(rng, headSex);
  const surname = surnameOf(headName);
  const members: Person[] = [];
  const add = (name: string, sex: '1' | '2', age: number, relation: string): void => {
    const birth = birthDate(rng, surveyYear - age);
    members.push({ name, sex, birth, id: ids.make(rng, birth, sex), relation });
  };
  add(headName, headSex, headAge, '02');
  if (members.length < size && rng.chance(0.85)) {
    const sex = headSex === '1' ? '2' : '1';
    add(personName(rng, sex), sex, clampAge(headAge + rng.int(-5, 4)), '10');
  }
  const childAges: number[] = [];
  let children = 0;
  while (members.length < size && children < 3 && headAge - 22 >= 1) {
    const sex: '1' | '2' = rng.chance(0.5) ? '1' : '2';
    const age = Math.max(1, headAge - rng.int(22, Math.min(38, headAge - 1)));
    childAges.push(age);
    add(personName(rng, sex, surname), sex, age, sex === '1' ? '20' : '30');
    children++;
  }
  if (members.length < size && headAge <= 55) {
    const sex: '1' | '2' = rng.chance(0.5) ? '1' : '2';
    add(personName(rng, sex, sex === '1' ? surname : undefined), sex, clampAge(headAge + rng.int(22, 30)), sex === '1' ? '51' : '52');
  }
  const oldestChild = Math.max(0, ...childAges);
  while (members.length < size && oldestChild >= 24) {
    const sex: '1' | '2' = rng.chance(0.5) ? '1' : '2';
    add(personName(rng, sex, surname), sex, rng.int(1, Math.max(1, oldestChild - 21)), sex === '1' ? '41' : '42');
  }
  return members;
}

/** A single person (个人 承包方), 25–70 years old. */
export function makePerson(rng: Rng, ids: IdFactory, surveyYear: number): Person {
  const sex: '1' | '2' = rng.chance(0.8) ? '1' : '2';
  const birth = birthDate(rng, surveyYear - rng.int(25, 70));
  return { name: personName(rng, sex), sex, birth, id: ids.make(rng, birth, sex), relation: '01' };
}

function birthDate(rng: Rng, year: number): Date {
  return new Date(Date.UTC(year, 0, 1) + rng.int(0, 364) * 86_400_000);
}

function clampAge(a: number): number {
  return Math.max(18, Math.min(90, a));
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}
