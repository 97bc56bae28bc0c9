import { Body, Controller, Delete, Get, HttpCode, Inject, Injectable, Param, Post } from '@nestjs/common';
import { z } from 'zod';
import { EntityId } from '@cnscd/contracts';
import type { ReadModelDatabase } from '@cnscd/read-model';
import { CurrentPrincipal, READ_MODEL, RequireScope, parseInput, type Principal } from '@cnscd/service-kit';
import type { TrainingDatabase } from '../../infrastructure/read-model';

const id = (value: string) => parseInput(z.object({ id: EntityId }), { id: value }).id;
export const MemberContactRequest = z
  .strictObject({
    phone: z
      .string()
      .regex(/^(0|\+84)[0-9]{9,10}$/, { error: 'Số điện thoại Việt Nam / A Vietnamese phone number' }),
  })
  .meta({ id: 'MemberContactRequest' });

/**
 * A member's phone: personal data, kept out of events, in one erasable row of the service's own table
 * (not an event write: nothing about it may enter the stream).
 */
@Injectable()
export class MemberContacts {
  constructor(@Inject(READ_MODEL) private readonly rm: ReadModelDatabase<TrainingDatabase>) {}

  async set(commune: string, memberId: string, phone: string): Promise<void> {
    await this.rm.db
      .insertInto('member_contacts')
      .values({ commune, member_id: memberId, phone })
      .onConflict((oc) => oc.columns(['commune', 'member_id']).doUpdateSet({ phone }))
      .execute();
  }

  async get(commune: string, memberId: string): Promise<{ phone: string | null }> {
    const row = await this.rm.db
      .selectFrom('member_contacts')
      .select('phone')
      .where('commune', '=', commune)
      .where('member_id', '=', memberId)
      .executeTakeFirst();
    return { phone: row?.phone ?? null };
  }

  async erase(commune: string, memberId: string): Promise<void> {
    await this.rm.db
      .deleteFrom('member_contacts')
      .where('commune', '=', commune)
      .where('member_id', '=', memberId)
      .execute();
  }
}

@Controller('v1/members/:memberId/contact')
export class MemberContactHttpController {
  constructor(private readonly contacts: MemberContacts) {}

  @Post()
  @HttpCode(204)
  @RequireScope('training:teams')
  set(@CurrentPrincipal() p: Principal, @Param('memberId') memberId: string, @Body() body: unknown) {
    return this.contacts.set(p.commune, id(memberId), parseInput(MemberContactRequest, body).phone);
  }

  @Get()
  @RequireScope('training:contacts')
  get(@CurrentPrincipal() p: Principal, @Param('memberId') memberId: string) {
    return this.contacts.get(p.commune, id(memberId));
  }

  @Delete()
  @HttpCode(204)
  @RequireScope('training:teams')
  erase(@CurrentPrincipal() p: Principal, @Param('memberId') memberId: string) {
    return this.contacts.erase(p.commune, id(memberId));
  }
}
