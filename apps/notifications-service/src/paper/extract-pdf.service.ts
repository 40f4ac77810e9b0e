import { Injectable } from '@nestjs/common';
import { existsSync } from 'node:fs';
import PDFDocument from 'pdfkit';
import type { ExtractStudent, PaperExtract } from './paper-extract';

/** DejaVu Sans from Debian's fonts-dejavu-core; pdfkit's built-in fonts have no Cyrillic glyphs. */
export const CYRILLIC_FONT_PATH = '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf';
export const CYRILLIC_BOLD_FONT_PATH = '/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf';

export class ExtractFontMissingError extends Error {
  readonly code = 'EXTRACT_FONT_MISSING';

  constructor(readonly path: string) {
    super(`Cyrillic font not found at ${path}: install the Debian package fonts-dejavu-core`);
    this.name = 'ExtractFontMissingError';
  }
}

const REGULAR = 'extract-regular';
const BOLD = 'extract-bold';

/** Renders paper extracts as an A4 PDF with one or more pages per guardian. */
@Injectable()
export class ExtractPdfService {
  constructor() {
    // Checked at startup too, so that a missing font shows in the boot log and not at the first print.
    ExtractPdfService.requireFont(CYRILLIC_FONT_PATH);
  }

  private static requireFont(path: string): void {
    if (!existsSync(path)) throw new ExtractFontMissingError(path);
  }

  render(extracts: PaperExtract[], title: string): Promise<Buffer> {
    ExtractPdfService.requireFont(CYRILLIC_FONT_PATH);
    const document = new PDFDocument({ size: 'A4', margin: 50, autoFirstPage: false, info: { Title: title } });
    document.registerFont(REGULAR, CYRILLIC_FONT_PATH);
    document.registerFont(BOLD, existsSync(CYRILLIC_BOLD_FONT_PATH) ? CYRILLIC_BOLD_FONT_PATH : CYRILLIC_FONT_PATH);

    const chunks: Buffer[] = [];
    const finished = new Promise<Buffer>((resolve, reject) => {
      document.on('data', (chunk: Buffer) => chunks.push(chunk));
      document.on('end', () => resolve(Buffer.concat(chunks)));
      document.on('error', reject);
    });

    if (extracts.length === 0) {
      document.addPage();
      document.font(REGULAR).fontSize(12).text('Нет выписок, ожидающих печати.');
    }
    for (const extract of extracts) {
      document.addPage();
      this.writeExtract(document, extract);
    }
    document.end();
    return finished;
  }

  private writeExtract(document: PDFKit.PDFDocument, extract: PaperExtract): void {
    document.font(BOLD).fontSize(14).text(extract.schoolName, { align: 'center' });
    document.moveDown(0.3);
    document.font(BOLD).fontSize(16).text('Выписка из электронного дневника', { align: 'center' });
    document.moveDown();

    document.font(REGULAR).fontSize(11);
    document.text(`Родитель (законный представитель): ${extract.guardianName}`);
    document.text(`Период: ${extract.period}`);
    document.moveDown();

    for (const student of extract.students) {
      this.writeStudent(document, student);
    }

    document.moveDown();
    document.font(REGULAR).fontSize(11).text(`Дата выдачи: ${extract.issuedOn}`);
    document.moveDown(2);
    document.text('Выписку получил(а): ____________________ / ____________________');
    document.fontSize(8).fillColor('#555555').text('подпись / расшифровка подписи', { indent: 150 });
    document.fillColor('#000000');
  }

  private writeStudent(document: PDFKit.PDFDocument, student: ExtractStudent): void {
    document.font(BOLD).fontSize(12).text(`Обучающийся: ${student.name}, класс ${student.classId}`);
    document.moveDown(0.3);

    this.writeSection(
      document,
      'Отметки по предметам',
      student.marks.map((mark) => `${mark.subject}: ${mark.value}${mark.note ? ` (${mark.note})` : ''}`),
    );
    this.writeSection(
      document,
      'Итоговые отметки',
      student.finalGrades.map((grade) => `${grade.subject}, ${grade.period}: ${grade.value}`),
    );
    this.writeSection(
      document,
      'Результаты экзаменов',
      student.examResults.map((exam) => `${exam.examKind}, ${exam.subject}: ${exam.result}`),
    );
    this.writeSection(
      document,
      'Отсрочки аттестации',
      student.deferrals.map((deferral) => `${deferral.subject}, ${deferral.period}: до ${deferral.deferredUntil}`),
    );
    document.moveDown();
  }

  private writeSection(document: PDFKit.PDFDocument, heading: string, lines: string[]): void {
    if (lines.length === 0) return;
    document.font(BOLD).fontSize(11).text(heading);
    document.font(REGULAR).fontSize(10);
    for (const line of lines) document.text(`• ${line}`, { indent: 10 });
    document.moveDown(0.5);
  }
}
