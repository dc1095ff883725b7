/** The stage's colours live with the store (exported pictures use them too). */
export {
  BEHAVIOUR_BADGE,
  COLOURS,
  FLIGHT_COLOURS,
  GROUP_TINTS,
  MARK_GLYPH,
  markColour,
  PHASE_COLOURS,
} from '../../store/stage/palette';
