interface Node {
  next: Map<string, Node>;
  term?: string;
}

/**
 * Korean terms by their jamo, to find the longest known stem at the start of a conjugated word:
 * 바꿔서 (ㅂㅏㄲㅜㅓㅅㅓ) starts with 바꾸 (ㅂㅏㄲㅜ), which no syllable-level prefix would show.
 */
export class JamoTrie {
  private readonly root: Node = { next: new Map() };

  add(jamo: string, term: string): void {
    let node = this.root;
    for (const letter of jamo) {
      let child = node.next.get(letter);
      if (!child) node.next.set(letter, (child = { next: new Map() }));
      node = child;
    }
    node.term ??= term;
  }

  /** The longest stored term whose jamo begin `jamo` and that passes `accept`. */
  longestPrefix(jamo: string, accept: (term: string) => boolean): string | null {
    let node: Node | undefined = this.root;
    let best: string | null = null;
    for (const letter of jamo) {
      node = node.next.get(letter);
      if (!node) break;
      if (node.term && accept(node.term)) best = node.term;
    }
    return best;
  }
}
