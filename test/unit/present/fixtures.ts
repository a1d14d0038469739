/** Fixtures for the presentation tests: real templates through the real core, including hostile names. */
import * as fs from 'fs';
import * as path from 'path';
import type { Analysis } from '../../../server/src/core/analyze';
import { analyzeText } from '../../../server/src/core/document';
import { fileReport, type JsonFile } from '../../../server/src/core/present/report';
import { EXAMPLES, cursor } from '../helpers';

export function example(rel: string): { text: string; analysis: Analysis; file: JsonFile } {
  const p = path.join(EXAMPLES, rel);
  const text = fs.readFileSync(p, 'utf8');
  const analysis = analyzeText(p, text);
  return { text, analysis, file: fileReport(rel, text, analysis) };
}

/** Analyzes a cursor-marked fixture: the analysis and the cursor's offset. */
export function at(fileName: string, marked: string): { text: string; offset: number; analysis: Analysis } {
  const { text, offset } = cursor(marked);
  return { text, offset, analysis: analyzeText(fileName, text) };
}

export const HOSTILE = ['<img src=x onerror=alert(1)>', '](command:workbench.action.quit)', '`x` ``y', '<script>alert(1)</script>'];

/** A CloudFormation template whose names, parameter names and values are hostile. */
export const HOSTILE_CFN = `AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  "](command:workbench.action.quit)":
    Type: String
Resources:
  "<img src=x onerror=alert(1)>":
    Type: AWS::EC2::Volume
    Properties:
      Size: 10
      Encrypted: !Ref "](command:workbench.action.quit)"
  "<script>alert(1)</script>":
    Type: AWS::RDS::DBInstance
    Properties:
      StorageEncrypted: false
      PubliclyAccessible: true
  "a\`b\`\`c](command:workbench.action.quit)":
    Type: AWS::S3::Bucket
  Weird:
    Type: "AWS::S3::Bucket<img src=x onerror=alert(1)>"
  Custom:
    Type: "Custom::<script>alert(1)</script>"
`;

/** The same in Terraform (labels are strings; anything goes). */
export const HOSTILE_TF = `variable "x" {}
resource "aws_ebs_volume" "<img src=x onerror=alert(1)>" {
  availability_zone = "a"
  encrypted = var.x
}
resource "aws_db_instance" "](command:workbench.action.quit)" {
  storage_encrypted = false
}
resource "aws_s3_bucket" "\`b\`<script>alert(1)</script>" {
}
`;
