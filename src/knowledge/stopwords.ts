/** Function words that carry no topic; dropped before indexing and searching. */
export const ENGLISH_STOPWORDS = new Set(
  `a an the and or but if then so of to in on at by for from with without into onto about as is are was were be been
  being am do does did done have has had having i me my mine we our you your he she it its they them their this that
  these those there here what which who whom whose when where why how can could should would will shall may might must
  not no yes just also very too more most some any all each other than only own same such both either neither
  get got gets getting please thanks thank tell show explain know want need let lets make like way something anything
  one ones another via vs versus e g eg etc ok okay hi hey hello hmm while see look lot fine`
    .split(/\s+/)
    .filter(Boolean),
);

/** Korean words that frame a question rather than name a topic. */
export const KOREAN_STOPWORDS = new Set(
  `뭐 뭐야 뭐가 뭐지 뭐죠 뭐예요 뭔가 뭔지 뭘 무엇 무엇인가 무엇인가요 무엇인지 무슨 어떻게 어떤 어떡해 왜 좀 그냥 정말 진짜
  알려줘 알려주세요 알려 주세요 설명 설명해줘 설명해 주세요 가르쳐줘 궁금해요 궁금합니다 있나요 있어요 있습니다 있는 있을
  없나요 없어요 합니다 하는 하면 하고 해요 해 그리고 또는 그래서 근데 그런데 이것 그것 저것 이거 그거 저거 여기 거기 저기
  수 것 거 게 때 등 및 더 잘 다 이 그 저 제 내 나 저희 우리 너 네 요 예 아 음 혹시 이제 지금 다시 같은 경우
  없이 쓰기 쓰는 쓰고 써 써요 쓰면 쓰려면 쓰여 쓰여요 쓰이는 쓰임 번 여러 정리 요약 관련 대해 대한 해주세요 해줘요 주세요 줘 하나요 어디 언제 누가 되나요 돼요 되요 인가요 인가 인지 이란 란 이에요 예요 입니다 이죠 할까요 될까요`
    .split(/\s+/)
    .filter(Boolean),
);

/**
 * Particles and verb endings, longest first, stripped from a Korean word to reach its stem
 * (포트가 → 포트, 충돌했어요 → 충돌). Conjugations the list misses are matched by jamo prefix.
 */
export const KOREAN_SUFFIXES = `
  했었어요 했습니다 했는데요 하셨나요 하려면요 했어요 했는데 하려면 하려고 하는데 합니다 하세요 해주세요 해줘요 되나요 됐어요
  됩니다 인가요 입니다 이에요 이라는 이라고 에서는 에서도 으로는 으로도 이랑은 까지는 부터는 했어 했다 하면 하는 하고
  하기 하게 하나 해서 해야 해도 해줘 돼요 되는 되면 돼서 된다 됐어 안돼 안됨 이란 이야 예요 인데 인지 인가 이죠 에서 에게
  으로 로는 로도 에는 에도 이랑 까지 부터 보다 처럼 마다 이나 라는 라고 한 할 함 해 돼 된 될 됨 은 는 이 가 을 를 의 에 께
  로 와 과 도 만 랑 란 나 요 죠 으면 려면 면`
  .split(/\s+/)
  .filter(Boolean)
  .sort((a, b) => b.length - a.length);

/**
 * Words that say what kind of answer is wanted (why, how, the difference, the meaning) rather than
 * what it is about. They still match, but weigh little in deciding whether the bot may answer.
 */
export const FRAMING_WORDS = new Set(
  `이유 방법 법 차이 차이점 의미 뜻 특징 개념 정의 원리 예시 예제 종류 목록 역할 용도 장점 단점 장단점 해결 해결법 해결책
  달라 달라요 다른가요 같은거야 같은가요 가능 가능한가요 필요 되는지 하는지 안되는 안되나요 안돼 안돼요 안됨 안되요 안되
  meaning mean means difference differ reason way example examples list role purpose explain explained explanation
  possible need`
    .split(/\s+/)
    .filter(Boolean),
);
