import { mongo, type Model } from 'mongoose';

/** MongoDB's error code for a write that breaks a unique index. */
export const DUPLICATE_KEY = 11000;

/**
 * Inserts the documents with one unordered insertMany and returns the input indexes of the
 * ones a unique index rejected as already stored. Any other write error is thrown. It goes
 * through the driver, so mongoose's defaults and timestamps must already be set.
 */
export async function insertNew<T>(model: Model<T>, documents: object[]): Promise<number[]> {
  if (documents.length === 0) return [];
  try {
    await model.collection.insertMany(documents, { ordered: false });
    return [];
  } catch (error) {
    if (!(error instanceof mongo.MongoBulkWriteError)) throw error;
    const writeErrors = Array.isArray(error.writeErrors) ? error.writeErrors : [error.writeErrors];
    if (writeErrors.some((writeError) => writeError.code !== DUPLICATE_KEY)) throw error;
    return writeErrors.map((writeError) => writeError.index);
  }
}
