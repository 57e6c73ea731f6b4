import { createSecretKey, randomBytes, type KeyObject } from 'node:crypto';
import { insertInto, rowColumns, type Queryable } from '@ladder/db';
import { open, seal, type KeyRing } from '@ladder/crypto';

export interface NewDataKey {
  key: KeyObject;
  masterKeyId: string;
  /** The key sealed by the master key. */
  wrapped: Buffer;
}

/** A participant's data key as stored: wrapped by the master key `masterKeyId`. */
export interface StoredDataKey {
  participantId: string;
  masterKeyId: string;
  wrapped: Buffer;
}

/**
 * The `participant_keys` row, defined once for every statement that stores a key (a participant
 * who already has one keeps it).
 */
export const participantKeyRows = insertInto(
  'participant_keys',
  rowColumns<StoredDataKey>([
    { name: 'participant_id', type: 'uuid', value: (k) => k.participantId },
    { name: 'master_key_id', type: 'text', value: (k) => k.masterKeyId },
    { name: 'wrapped_key', type: 'bytea', encoding: 'base64', value: (k) => k.wrapped },
  ]),
  ' on conflict (participant_id) do nothing',
);

/**
 * Personal data is stored encrypted under a data key of its participant's own (AES-256-GCM), and
 * that key is stored wrapped by a master key from config. Deleting the participant's key erases
 * them everywhere at once (crypto-shredding): every ciphertext of theirs becomes unreadable.
 */
export class ParticipantVault {
  constructor(private readonly ring: KeyRing) {}

  /**
   * A new data key for a participant, wrapped by the current master key. Store it
   * (`participantKeyRows`) in the transaction that stores what the key encrypts, so neither is
   * kept without the other.
   */
  newDataKey(participantId: string): NewDataKey {
    const material = randomBytes(32);
    const masterKeyId = this.ring.currentId;
    const wrapped = seal(
      this.ring.keys.get(masterKeyId)!,
      material,
      `participant:${participantId}`,
    );
    return { key: createSecretKey(material), masterKeyId, wrapped };
  }

  /** Returns the participant's data key, creating and storing it (wrapped) on first use. */
  async dataKey(db: Queryable, participantId: string): Promise<KeyObject> {
    const existing = await this.existingKey(db, participantId);
    if (existing) return existing;
    const { key, masterKeyId, wrapped } = this.newDataKey(participantId);
    const inserted = await db.query(
      participantKeyRows.statement([{ participantId, masterKeyId, wrapped }]),
    );
    if (inserted.rowCount === 1) return key;
    const raced = await this.existingKey(db, participantId);
    if (!raced) throw new Error('participant key vanished while being created');
    return raced;
  }

  /** The participant's data key, or undefined once they have been erased. */
  async existingKey(db: Queryable, participantId: string): Promise<KeyObject | undefined> {
    const { rows } = await db.query<{ master_key_id: string; wrapped_key: Buffer }>(
      'select master_key_id, wrapped_key from participant_keys where participant_id = $1',
      [participantId],
    );
    const row = rows[0];
    if (!row) return undefined;
    const master = this.ring.keys.get(row.master_key_id);
    if (!master) throw new Error(`master key ${row.master_key_id} is not configured`);
    return createSecretKey(open(master, row.wrapped_key, `participant:${participantId}`));
  }

  encrypt(key: KeyObject, value: unknown, context: string): Buffer {
    return seal(key, Buffer.from(JSON.stringify(value)), context);
  }

  decrypt<T>(key: KeyObject, sealed: Buffer, context: string): T {
    return JSON.parse(open(key, sealed, context).toString()) as T;
  }

  /** Crypto-shredding: after this, nothing stored for the participant can be decrypted. */
  async erase(db: Queryable, participantId: string): Promise<boolean> {
    const deleted = await db.query('delete from participant_keys where participant_id = $1', [
      participantId,
    ]);
    return deleted.rowCount === 1;
  }
}
